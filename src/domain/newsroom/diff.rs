//! The line diff between two revisions of an article.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffKind {
    Same,
    Removed,
    Added,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub text: String,
}

/// Lines beyond which the diff stops aligning and shows the rest as removed and added: the
/// table below is lines × lines, and articles are far shorter.
const DIFF_MAX_LINES: usize = 4000;

/// A line diff from `old` to `new`: the longest common subsequence of lines kept, the rest
/// removed or added, removals before additions where lines were replaced.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Common head and tail first: most revisions change a few lines in the middle.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let line = |kind, text: &str| DiffLine {
        kind,
        text: text.to_owned(),
    };
    let mut out: Vec<DiffLine> = a[..head].iter().map(|l| line(DiffKind::Same, l)).collect();
    if ma.len() > DIFF_MAX_LINES || mb.len() > DIFF_MAX_LINES {
        out.extend(ma.iter().map(|l| line(DiffKind::Removed, l)));
        out.extend(mb.iter().map(|l| line(DiffKind::Added, l)));
    } else {
        // lcs[i][j]: the common subsequence length of ma[i..] and mb[j..].
        let (n, m) = (ma.len(), mb.len());
        let mut lcs = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i][j] = if ma[i] == mb[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                out.push(line(DiffKind::Same, ma[i]));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.push(line(DiffKind::Removed, ma[i]));
                i += 1;
            } else {
                out.push(line(DiffKind::Added, mb[j]));
                j += 1;
            }
        }
    }
    out.extend(a[a.len() - tail..].iter().map(|l| line(DiffKind::Same, l)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_keeps_common_lines_and_marks_changes() {
        let d = line_diff("a\nb\nc\nd", "a\nB\nc\nd\ne");
        let shown: Vec<String> = d
            .iter()
            .map(|l| {
                let mark = match l.kind {
                    DiffKind::Same => ' ',
                    DiffKind::Removed => '-',
                    DiffKind::Added => '+',
                };
                format!("{mark}{}", l.text)
            })
            .collect();
        assert_eq!(shown, [" a", "-b", "+B", " c", " d", "+e"]);
        assert!(
            line_diff("same", "same")
                .iter()
                .all(|l| l.kind == DiffKind::Same)
        );
        assert_eq!(line_diff("", "new").len(), 1);
    }
}
