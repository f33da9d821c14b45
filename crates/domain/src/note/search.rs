//! Full-text search terms.

/// What a search looks for: every term must occur, as a substring, in the note's title or
/// body, compared case-insensitively (Unicode case folding). Characters that are special in
/// SQL patterns or query languages (`%`, `_`, `*`, `"`) are plain characters here.
///
/// Search is served by a trigram index, which can only find terms of at least
/// [`SearchTerms::MIN_INDEXED_CHARS`] characters. So a search needs one such term; shorter
/// terms beside it narrow the notes that term found. A search of short terms only is
/// refused rather than answered by reading every note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms(Vec<String>);

/// Why a search was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// More terms than [`SearchTerms::MAX_TERMS`].
    #[error("Use at most {max} search terms (got {actual}).", max = SearchTerms::MAX_TERMS)]
    TooManyTerms {
        /// How many terms were given.
        actual: usize,
    },
    /// A term longer than [`SearchTerms::MAX_TERM_CHARS`].
    #[error("Each search term may have at most {max} characters.", max = SearchTerms::MAX_TERM_CHARS)]
    TermTooLong,
    /// No term is long enough for the index.
    #[error("A search needs at least one term of {min} or more characters.", min = SearchTerms::MIN_INDEXED_CHARS)]
    OnlyShortTerms,
    /// A NUL character, which no note can contain.
    #[error("Search terms may not contain NUL characters.")]
    Nul,
}

impl SearchTerms {
    /// The most terms in one search.
    pub const MAX_TERMS: usize = 10;
    /// The longest term, in characters.
    pub const MAX_TERM_CHARS: usize = 100;
    /// The shortest term the index finds by itself, in characters.
    pub const MIN_INDEXED_CHARS: usize = 3;

    /// Splits `raw` at white space. `None` when it holds no term at all, which means no
    /// search.
    pub fn parse(raw: &str) -> Result<Option<Self>, SearchError> {
        if raw.contains('\0') {
            return Err(SearchError::Nul);
        }
        let terms: Vec<String> = raw.split_whitespace().map(str::to_owned).collect();
        if terms.is_empty() {
            return Ok(None);
        }
        if terms.len() > Self::MAX_TERMS {
            return Err(SearchError::TooManyTerms {
                actual: terms.len(),
            });
        }
        if terms
            .iter()
            .any(|t| t.chars().count() > Self::MAX_TERM_CHARS)
        {
            return Err(SearchError::TermTooLong);
        }
        if !terms.iter().any(|t| Self::is_indexed(t)) {
            return Err(SearchError::OnlyShortTerms);
        }
        Ok(Some(Self(terms)))
    }

    /// The terms the index can find by themselves (at least one).
    pub fn indexed(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .map(String::as_str)
            .filter(|t| Self::is_indexed(t))
    }

    /// The terms too short for the index, checked against what the indexed terms found.
    pub fn short(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .map(String::as_str)
            .filter(|t| !Self::is_indexed(t))
    }

    fn is_indexed(term: &str) -> bool {
        term.chars().count() >= Self::MIN_INDEXED_CHARS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Option<SearchTerms>, SearchError> {
        SearchTerms::parse(raw)
    }

    #[test]
    fn terms_are_split_at_any_white_space_and_kept_verbatim() {
        let terms = parse(" 100%\tof_it  ok ").expect("valid").expect("terms");

        assert_eq!(terms.indexed().collect::<Vec<_>>(), ["100%", "of_it"]);
        assert_eq!(terms.short().collect::<Vec<_>>(), ["ok"]);
    }

    #[test]
    fn a_blank_search_is_no_search() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse(" \u{3000} "), Ok(None));
    }

    #[test]
    fn a_search_of_short_terms_only_is_refused() {
        assert_eq!(parse("a bc"), Err(SearchError::OnlyShortTerms));
        assert!(matches!(parse("a bc déf"), Ok(Some(_))));
    }

    #[test]
    fn a_term_s_length_counts_characters_not_bytes() {
        assert!(matches!(parse("日本語"), Ok(Some(_))));
        assert_eq!(parse("日本"), Err(SearchError::OnlyShortTerms));
        assert!(matches!(parse(&"é".repeat(100)), Ok(Some(_))));
        assert_eq!(parse(&"é".repeat(101)), Err(SearchError::TermTooLong));
    }

    #[test]
    fn too_many_terms_and_nul_are_refused() {
        let eleven = ["word"; 11].join(" ");

        assert_eq!(
            parse(&eleven),
            Err(SearchError::TooManyTerms { actual: 11 })
        );
        assert_eq!(parse("abc\0"), Err(SearchError::Nul));
    }
}
