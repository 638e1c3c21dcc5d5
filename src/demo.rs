//! The demo site: articles written by the team (fictional news), loaded into an empty
//! database on the first `serve`, through the same importer as `broadsheet import`.

use chrono::{DateTime, Duration, Utc};

use crate::domain::{NewArticle, frontmatter};

/// The demo files, embedded in the binary.
pub const FILES: &[(&str, &str)] = &[
    (
        "01-varenna-votes-to-redraw-parliament-as-turnout-hits-high.md",
        include_str!(
            "../demo/articles/01-varenna-votes-to-redraw-parliament-as-turnout-hits-high.md"
        ),
    ),
    (
        "02-halden-robotics-shares-slide-after-contract-collapses.md",
        include_str!(
            "../demo/articles/02-halden-robotics-shares-slide-after-contract-collapses.md"
        ),
    ),
    (
        "03-sorrel-plateau-ice-cores-point-to-wetter-ancient-climate.md",
        include_str!(
            "../demo/articles/03-sorrel-plateau-ice-cores-point-to-wetter-ancient-climate.md"
        ),
    ),
    (
        "04-quillon-unveils-low-power-chip-for-rural-clinics.md",
        include_str!("../demo/articles/04-quillon-unveils-low-power-chip-for-rural-clinics.md"),
    ),
    (
        "05-our-cities-need-fewer-car-parks-and-more-benches.md",
        include_str!("../demo/articles/05-our-cities-need-fewer-car-parks-and-more-benches.md"),
    ),
    (
        "06-ostrava-nova-port-strike-enters-third-week.md",
        include_str!("../demo/articles/06-ostrava-nova-port-strike-enters-third-week.md"),
    ),
    (
        "07-corvane-energy-bets-on-tidal-power.md",
        include_str!("../demo/articles/07-corvane-energy-bets-on-tidal-power.md"),
    ),
    (
        "08-esterholm-requires-labels-on-ai-generated-political-ads.md",
        include_str!(
            "../demo/articles/08-esterholm-requires-labels-on-ai-generated-political-ads.md"
        ),
    ),
    (
        "09-tarsaly-space-agency-confirms-water-ice-in-lunar-samples.md",
        include_str!(
            "../demo/articles/09-tarsaly-space-agency-confirms-water-ice-in-lunar-samples.md"
        ),
    ),
    (
        "10-drought-forces-water-rationing-in-three-tarsaly-provinces.md",
        include_str!(
            "../demo/articles/10-drought-forces-water-rationing-in-three-tarsaly-provinces.md"
        ),
    ),
    (
        "11-the-four-day-week-is-a-management-test-not-a-perk.md",
        include_str!("../demo/articles/11-the-four-day-week-is-a-management-test-not-a-perk.md"),
    ),
    (
        "12-arkwright-mutual-raises-mortgage-rates.md",
        include_str!("../demo/articles/12-arkwright-mutual-raises-mortgage-rates.md"),
    ),
    (
        "13-merrowgate-pilots-driverless-buses-on-busiest-night-route.md",
        include_str!(
            "../demo/articles/13-merrowgate-pilots-driverless-buses-on-busiest-night-route.md"
        ),
    ),
    (
        "14-lindmark-hospital-trial-finds-sleep-checklist-cuts-delirium.md",
        include_str!(
            "../demo/articles/14-lindmark-hospital-trial-finds-sleep-checklist-cuts-delirium.md"
        ),
    ),
    (
        "15-esterholm-and-varenna-sign-fishing-accord.md",
        include_str!("../demo/articles/15-esterholm-and-varenna-sign-fishing-accord.md"),
    ),
    (
        "16-tessaly-air-orders-forty-electric-commuter-planes.md",
        include_str!("../demo/articles/16-tessaly-air-orders-forty-electric-commuter-planes.md"),
    ),
    (
        "17-volunteer-mappers-rebuild-flood-hit-towns-in-days.md",
        include_str!("../demo/articles/17-volunteer-mappers-rebuild-flood-hit-towns-in-days.md"),
    ),
    (
        "18-the-space-race-we-should-run-is-for-cleaner-orbits.md",
        include_str!("../demo/articles/18-the-space-race-we-should-run-is-for-cleaner-orbits.md"),
    ),
];

/// The demo articles, with their dates moved so the newest was published shortly before `now`
/// (the gaps between them are kept), so a fresh demo site reads as today's news.
pub fn articles(now: DateTime<Utc>) -> Vec<NewArticle> {
    let mut articles: Vec<NewArticle> = FILES
        .iter()
        .map(|(name, text)| {
            frontmatter::parse(text).unwrap_or_else(|e| panic!("demo file {name}: {e}"))
        })
        .collect();
    let newest = articles
        .iter()
        .filter_map(|a| a.published_at)
        .max()
        .unwrap_or(now);
    let shift = (now - Duration::minutes(40)) - newest;
    for a in &mut articles {
        a.published_at = a.published_at.map(|t| t + shift);
        a.updated_at = a.updated_at.map(|t| t + shift);
    }
    articles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_files_parse_and_cover_the_sections() {
        let now = Utc::now();
        let all = articles(now);
        assert!(all.len() >= 15, "{} demo articles", all.len());
        for section in [
            "International",
            "Business",
            "Technology",
            "Science",
            "Opinion",
        ] {
            assert!(
                all.iter().any(|a| a.section == section),
                "no demo article in {section}"
            );
        }
        let newest = all.iter().filter_map(|a| a.published_at).max().unwrap();
        assert_eq!(newest, now - Duration::minutes(40));
        assert!(
            all.iter()
                .all(|a| !a.summary.is_empty() && !a.tags.is_empty())
        );
    }
}
