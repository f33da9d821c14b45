//! Request counters and latency histograms, written out in the Prometheus text exposition
//! format (version 0.0.4) at `/metrics`.
//!
//! Series are keyed by the matched route *pattern* (`/api/notes/{id}/`), never the raw
//! path, so that ids cannot multiply the number of series.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use actix_web::http::Method;
use notes_domain::PoolUsage;

/// The media type of the exposition.
pub const METRICS_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// One series' labels: matched route, method and status code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Labels {
    route: String,
    method: &'static str,
    status: u16,
}

/// The observations of one series.
#[derive(Debug, Default)]
struct Series {
    count: u64,
    sum_seconds: f64,
    /// Observations at or below each bound of [`BUCKETS`] (not cumulative).
    buckets: [u64; BUCKETS.len()],
}

/// Everything recorded since the server started.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<Labels, Series>>,
}

impl Metrics {
    /// Records one answered request.
    pub fn observe(&self, route: &str, method: &Method, status: u16, latency: Duration) {
        let labels = Labels {
            route: route.to_owned(),
            method: method_label(method),
            status,
        };
        let seconds = latency.as_secs_f64();
        let Ok(mut requests) = self.requests.lock() else {
            return;
        };
        let series = requests.entry(labels).or_default();
        series.count += 1;
        series.sum_seconds += seconds;
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            series.buckets[bucket] += 1;
        }
    }

    /// The exposition: the request series, then the database pool's gauges.
    pub fn render(&self, pool: PoolUsage) -> String {
        let mut out = String::new();
        let _ = self.write(&mut out, pool);
        out
    }

    fn write(&self, out: &mut String, pool: PoolUsage) -> std::fmt::Result {
        let requests = match self.requests.lock() {
            Ok(requests) => requests,
            Err(poisoned) => poisoned.into_inner(),
        };

        writeln!(
            out,
            "# HELP http_requests_total Requests answered, by matched route, method and status."
        )?;
        writeln!(out, "# TYPE http_requests_total counter")?;
        for (labels, series) in requests.iter() {
            writeln!(
                out,
                "http_requests_total{{{}}} {}",
                labels.render(),
                series.count
            )?;
        }

        writeln!(
            out,
            "# HELP http_request_duration_seconds Time to answer a request, by matched route, method and status."
        )?;
        writeln!(out, "# TYPE http_request_duration_seconds histogram")?;
        for (labels, series) in requests.iter() {
            let labels = labels.render();
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(series.buckets) {
                cumulative += count;
                writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                )?;
            }
            writeln!(
                out,
                "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                series.count
            )?;
            writeln!(
                out,
                "http_request_duration_seconds_sum{{{labels}}} {}",
                series.sum_seconds
            )?;
            writeln!(
                out,
                "http_request_duration_seconds_count{{{labels}}} {}",
                series.count
            )?;
        }

        for (name, help, value) in [
            (
                "db_pool_connections",
                "Database connections open in the pool.",
                pool.connections,
            ),
            (
                "db_pool_idle_connections",
                "Open pool connections not in use.",
                pool.idle,
            ),
            (
                "db_pool_max_connections",
                "The most connections the pool opens.",
                pool.max_size,
            ),
        ] {
            writeln!(out, "# HELP {name} {help}")?;
            writeln!(out, "# TYPE {name} gauge")?;
            writeln!(out, "{name} {value}")?;
        }
        Ok(())
    }
}

impl Labels {
    fn render(&self) -> String {
        format!(
            "route=\"{}\",method=\"{}\",status=\"{}\"",
            escape(&self.route),
            self.method,
            self.status
        )
    }
}

/// The method as a label: the standard ones by name, anything else as `other`, so that a
/// client cannot invent series.
fn method_label(method: &Method) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    ];
    KNOWN
        .into_iter()
        .find(|known| *known == method.as_str())
        .unwrap_or("other")
}

/// A label value with `\`, `"` and newlines escaped, as the format requires.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_counts_once_and_lands_in_every_bucket_above_its_latency() {
        let metrics = Metrics::default();

        metrics.observe(
            "/api/notes/{id}/",
            &Method::GET,
            200,
            Duration::from_millis(20),
        );
        let text = metrics.render(PoolUsage::default());

        let labels = r#"route="/api/notes/{id}/",method="GET",status="200""#;
        assert!(
            text.contains(&format!("http_requests_total{{{labels}}} 1")),
            "{text}"
        );
        assert!(text.contains(&format!(
            "http_request_duration_seconds_bucket{{{labels},le=\"0.01\"}} 0"
        )));
        assert!(text.contains(&format!(
            "http_request_duration_seconds_bucket{{{labels},le=\"0.025\"}} 1"
        )));
        assert!(text.contains(&format!(
            "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} 1"
        )));
    }

    #[test]
    fn unusual_methods_share_one_label_and_label_values_are_escaped() {
        let custom = Method::from_bytes(b"BREW").expect("a valid method token");

        assert_eq!(method_label(&custom), "other");
        assert_eq!(method_label(&Method::PATCH), "PATCH");
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn pool_usage_is_exposed_as_gauges() {
        let pool = PoolUsage {
            connections: 4,
            idle: 3,
            max_size: 8,
        };

        let text = Metrics::default().render(pool);

        assert!(text.contains("db_pool_connections 4\n"));
        assert!(text.contains("db_pool_idle_connections 3\n"));
        assert!(text.contains("db_pool_max_connections 8\n"));
    }
}
