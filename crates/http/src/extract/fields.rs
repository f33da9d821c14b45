//! Request members as received, and the collection of every field's validation failures
//! into one 400 response.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::ApiError;
use crate::problem::FieldErrors;

/// A JSON object member as the client sent it: absent, `null`, or a value. Request types use
/// it with `#[serde(default)]` so that a missing field and a `null` one get their own
/// messages instead of one opaque parse error.
#[derive(Debug, Default)]
pub enum Field<T> {
    /// The member was not in the object.
    #[default]
    Absent,
    /// The member was `null`.
    Null,
    /// The member had a value of the right JSON type.
    Value(T),
    /// The member had a value of the wrong JSON type; the message says what was expected.
    /// Kept rather than failing the whole body, so that every field's problem is reported.
    WrongType(String),
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.is_null() {
            return Ok(Field::Null);
        }
        Ok(T::deserialize(value).map_or_else(|e| Field::WrongType(e.to_string()), Field::Value))
    }
}

/// Gathers validation failures across all fields so that a client learns of every problem
/// in one round trip.
#[derive(Debug, Default)]
pub struct FieldCollector {
    errors: FieldErrors,
}

impl FieldCollector {
    /// Records `message` against `field`.
    pub fn add(&mut self, field: &str, message: impl fmt::Display) {
        self.errors
            .entry(field.to_owned())
            .or_default()
            .push(message.to_string());
    }

    /// The value of a required field, or `None` after recording why it is missing.
    pub fn required<T>(&mut self, field: &str, value: Field<T>) -> Option<T> {
        match value {
            Field::Value(value) => Some(value),
            Field::Absent => {
                self.add(field, "This field is required.");
                None
            }
            other => self.refuse(field, other),
        }
    }

    /// The value of an optional field: `Some(None)` when absent, `None` after recording an
    /// error when it was `null` (which would otherwise read as "leave unchanged").
    pub fn optional<T>(&mut self, field: &str, value: Field<T>) -> Option<Option<T>> {
        match value {
            Field::Value(value) => Some(Some(value)),
            Field::Absent => Some(None),
            other => self.refuse(field, other).map(Some),
        }
    }

    /// Records why a `null` or wrongly typed member is unusable.
    fn refuse<T>(&mut self, field: &str, value: Field<T>) -> Option<T> {
        match value {
            Field::Null => self.add(field, "This field may not be null."),
            Field::WrongType(reason) => self.add(field, format!("Wrong JSON type: {reason}.")),
            Field::Value(value) => return Some(value),
            Field::Absent => return None,
        }
        None
    }

    /// The parsed value, or `None` after recording the parse error against `field`.
    pub fn check<T, E: fmt::Display>(&mut self, field: &str, parsed: Result<T, E>) -> Option<T> {
        parsed.map_err(|error| self.add(field, error)).ok()
    }

    /// The validated `values` when nothing was recorded, else the 400 listing every
    /// failure. Combine several fields with `Option::zip`.
    pub fn finish<T>(self, values: Option<T>) -> Result<T, ApiError> {
        if !self.errors.is_empty() {
            return Err(ApiError::Validation(self.errors));
        }
        values.ok_or_else(|| ApiError::internal("a field was rejected without a message"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Input {
        #[serde(default)]
        title: Field<String>,
    }

    fn parse(json: &str) -> Field<String> {
        serde_json::from_str::<Input>(json)
            .expect("valid JSON")
            .title
    }

    #[test]
    fn absent_null_wrongly_typed_and_present_members_are_told_apart() {
        assert!(matches!(parse("{}"), Field::Absent));
        assert!(matches!(parse(r#"{"title": 5}"#), Field::WrongType(_)));
        assert!(matches!(parse(r#"{"title": null}"#), Field::Null));
        assert!(matches!(parse(r#"{"title": "t"}"#), Field::Value(t) if t == "t"));
    }

    #[test]
    fn every_failing_field_is_reported_together() {
        let mut fields = FieldCollector::default();

        let title = fields.required::<String>("title", Field::Absent);
        let body = fields.required::<String>("body", Field::Null);
        let outcome = fields.finish(title.zip(body));

        let Err(ApiError::Validation(errors)) = outcome else {
            panic!("expected a validation error, got {outcome:?}");
        };
        assert_eq!(errors["title"], ["This field is required."]);
        assert_eq!(errors["body"], ["This field may not be null."]);
    }
}
