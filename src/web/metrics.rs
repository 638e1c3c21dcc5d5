//! Operational counters in the Prometheus text format. A handful of atomics written here rather
//! than a metrics crate: four series do not justify the dependency and its compile time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::web::AppState;

pub struct Metrics {
    started: Instant,
    by_class: [AtomicU64; 5],
    duration_micros: AtomicU64,
    in_flight: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            started: Instant::now(),
            by_class: Default::default(),
            duration_micros: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
        }
    }
}

/// Middleware: counts each response by status class and adds up the time spent.
pub async fn record(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let m = &state.metrics;
    let start = Instant::now();
    m.in_flight.fetch_add(1, Ordering::Relaxed);
    let response = next.run(req).await;
    m.in_flight.fetch_sub(1, Ordering::Relaxed);
    m.count(response.status(), start);
    response
}

impl Metrics {
    /// Counts an answer with `status`, begun at `start`.
    pub fn count(&self, status: axum::http::StatusCode, start: Instant) {
        let class = (status.as_u16() / 100).clamp(1, 5) as usize - 1;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
        self.duration_micros
            .fetch_add(start.elapsed().as_micros() as u64, Ordering::Relaxed);
    }

    pub fn render(&self, db_queries: u64, backend: &str, live_streams: usize) -> String {
        let mut out = String::with_capacity(1024);
        out.push_str("# HELP broadsheet_http_responses_total HTTP responses by status class.\n");
        out.push_str("# TYPE broadsheet_http_responses_total counter\n");
        for (i, n) in self.by_class.iter().enumerate() {
            out.push_str(&format!(
                "broadsheet_http_responses_total{{class=\"{}xx\"}} {}\n",
                i + 1,
                n.load(Ordering::Relaxed)
            ));
        }
        out.push_str(
            "# HELP broadsheet_http_response_seconds_total Time spent answering requests.\n",
        );
        out.push_str("# TYPE broadsheet_http_response_seconds_total counter\n");
        out.push_str(&format!(
            "broadsheet_http_response_seconds_total {:.6}\n",
            self.duration_micros.load(Ordering::Relaxed) as f64 / 1e6
        ));
        out.push_str("# HELP broadsheet_http_requests_in_flight Requests being answered now.\n");
        out.push_str("# TYPE broadsheet_http_requests_in_flight gauge\n");
        out.push_str(&format!(
            "broadsheet_http_requests_in_flight {}\n",
            self.in_flight.load(Ordering::Relaxed)
        ));
        out.push_str(
            "# HELP broadsheet_db_queries_total Database statements issued by this process.\n",
        );
        out.push_str("# TYPE broadsheet_db_queries_total counter\n");
        out.push_str(&format!(
            "broadsheet_db_queries_total{{backend=\"{backend}\"}} {db_queries}\n"
        ));
        out.push_str("# HELP broadsheet_live_streams Live-update streams open in this process.\n");
        out.push_str("# TYPE broadsheet_live_streams gauge\n");
        out.push_str(&format!("broadsheet_live_streams {live_streams}\n"));
        out.push_str(
            "# HELP broadsheet_uptime_seconds Seconds since this process started serving.\n",
        );
        out.push_str("# TYPE broadsheet_uptime_seconds gauge\n");
        out.push_str(&format!(
            "broadsheet_uptime_seconds {:.3}\n",
            self.started.elapsed().as_secs_f64()
        ));
        out
    }
}
