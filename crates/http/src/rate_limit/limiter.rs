//! A keyed token-bucket limiter.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::ApiError;

/// A rate: at most `count` events per `per`, in bursts of up to `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Events allowed per period (and the burst size).
    pub count: u32,
    /// The period.
    pub per: Duration,
}

impl FromStr for Rate {
    type Err = String;

    /// Reads `COUNT/DURATION`, e.g. `30/1m` or `10/15m`.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let (count, per) = raw
            .split_once('/')
            .ok_or_else(|| format!("{raw:?} is not COUNT/DURATION, e.g. 30/1m"))?;
        let count: u32 = count
            .trim()
            .parse()
            .map_err(|_| format!("{count:?} is not a count"))?;
        let per = humantime::parse_duration(per.trim()).map_err(|e| format!("{per:?}: {e}"))?;
        if count == 0 || per.is_zero() {
            return Err("a rate needs a count and a period above zero".into());
        }
        Ok(Self { count, per })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}s", self.count, self.per.as_secs())
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Counts events per key (an address, an account) and refuses those beyond the rate.
/// `None` as the rate means unlimited.
#[derive(Debug)]
pub struct RateLimiter {
    rate: Option<Rate>,
    buckets: Mutex<HashMap<String, Bucket>>,
}

/// Keys kept before full buckets are swept away, bounding memory under a flood of keys.
const SWEEP_THRESHOLD: usize = 10_000;

impl RateLimiter {
    /// A limiter allowing `rate`, or everything when `None`.
    pub fn new(rate: Option<Rate>) -> Self {
        Self {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Refuses with 429 when `key` has no allowance left; does not consume any.
    pub(crate) fn check(&self, key: &str) -> Result<(), ApiError> {
        self.apply(key, 0.0)
    }

    /// Consumes one event for `key`, refusing with 429 when none is left.
    pub(crate) fn hit(&self, key: &str) -> Result<(), ApiError> {
        self.apply(key, 1.0)
    }

    fn apply(&self, key: &str, cost: f64) -> Result<(), ApiError> {
        let Some(rate) = self.rate else {
            return Ok(());
        };
        let capacity = f64::from(rate.count);
        let per_second = capacity / rate.per.as_secs_f64();
        let now = Instant::now();
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= SWEEP_THRESHOLD {
            buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.updated).as_secs_f64() * per_second < capacity
            });
        }

        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let refilled = now.duration_since(bucket.updated).as_secs_f64() * per_second;
        bucket.tokens = (bucket.tokens + refilled).min(capacity);
        bucket.updated = now;
        if bucket.tokens < 1.0 {
            let wait = (1.0 - bucket.tokens) / per_second;
            return Err(ApiError::TooManyRequests {
                retry_after_secs: wait.ceil().max(1.0) as u64,
            });
        }
        bucket.tokens -= cost;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_as_count_per_duration() {
        assert_eq!(
            "30/1m".parse(),
            Ok(Rate {
                count: 30,
                per: Duration::from_secs(60)
            })
        );
        assert_eq!(
            "10/15m".parse(),
            Ok(Rate {
                count: 10,
                per: Duration::from_secs(900)
            })
        );
        for bad in ["30", "0/1m", "3/0s", "x/1m", "3/soon"] {
            assert!(bad.parse::<Rate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_key_is_refused_after_its_burst_with_a_retry_time() {
        let limiter = RateLimiter::new(Some(Rate {
            count: 3,
            per: Duration::from_secs(60),
        }));

        for _ in 0..3 {
            assert!(limiter.hit("a").is_ok());
        }
        let refused = limiter.hit("a");

        assert!(
            matches!(
                refused,
                Err(ApiError::TooManyRequests {
                    retry_after_secs: 20
                })
            ),
            "{refused:?}"
        );
        assert!(limiter.check("a").is_err());
        assert!(
            limiter.hit("b").is_ok(),
            "another key has its own allowance"
        );
    }

    #[test]
    fn checking_consumes_nothing_and_no_rate_means_no_limit() {
        let limiter = RateLimiter::new(Some(Rate {
            count: 1,
            per: Duration::from_secs(60),
        }));
        for _ in 0..5 {
            assert!(limiter.check("a").is_ok());
        }

        let unlimited = RateLimiter::new(None);
        for _ in 0..1000 {
            assert!(unlimited.hit("a").is_ok());
        }
    }
}
