//! A plain encoding of aggregates as 64-bit words, so that what a shard folded can leave the
//! process and merge elsewhere ([`crate::montecarlo::Partial`]) without the core knowing any
//! file format: the application layer wraps the words in its own document.
//!
//! Each value writes its fields in a fixed order; a sequence writes its length first. Reading
//! checks every length against what is left, so a truncated or altered list of words is an
//! error, never a panic.

/// Why words do not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

/// Reads words in order.
#[derive(Debug)]
pub struct Decoder<'a> {
    words: &'a [u64],
    at: usize,
}

impl<'a> Decoder<'a> {
    pub fn new(words: &'a [u64]) -> Self {
        Decoder { words, at: 0 }
    }

    pub fn word(&mut self) -> Result<u64, DecodeError> {
        let word = self.words.get(self.at).copied().ok_or_else(|| {
            DecodeError(format!("the words end early (after {})", self.words.len()))
        })?;
        self.at += 1;
        Ok(word)
    }

    /// A length, at most the words left (each element takes at least one word).
    pub fn length(&mut self) -> Result<usize, DecodeError> {
        let length = self.word()?;
        let left = (self.words.len() - self.at) as u64;
        if length > left {
            return Err(DecodeError(format!(
                "a length of {length} with {left} words left"
            )));
        }
        Ok(length as usize)
    }

    /// Fails unless every word was read.
    pub fn finish(self) -> Result<(), DecodeError> {
        if self.at == self.words.len() {
            Ok(())
        } else {
            Err(DecodeError(format!(
                "{} words left over",
                self.words.len() - self.at
            )))
        }
    }
}

/// A value written as words and read back.
pub trait Codec: Sized {
    fn encode(&self, out: &mut Vec<u64>);
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError>;
}

impl Codec for u64 {
    fn encode(&self, out: &mut Vec<u64>) {
        out.push(*self);
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        input.word()
    }
}

impl Codec for bool {
    fn encode(&self, out: &mut Vec<u64>) {
        out.push(u64::from(*self));
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        match input.word()? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(DecodeError(format!("{other} is not a boolean"))),
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, out: &mut Vec<u64>) {
        out.push(self.len() as u64);
        self.iter().for_each(|item| item.encode(out));
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let length = input.length()?;
        (0..length).map(|_| T::decode(input)).collect()
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self, out: &mut Vec<u64>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.encode(out);
            }
        }
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        Ok(if bool::decode(input)? {
            Some(T::decode(input)?)
        } else {
            None
        })
    }
}

impl<T: Codec, const N: usize> Codec for [T; N] {
    fn encode(&self, out: &mut Vec<u64>) {
        self.iter().for_each(|item| item.encode(out));
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let items = (0..N)
            .map(|_| T::decode(input))
            .collect::<Result<Vec<T>, _>>()?;
        items
            .try_into()
            .map_err(|_| DecodeError("an array of the wrong length".to_string()))
    }
}

/// Encodes `value` alone.
pub fn to_words<T: Codec>(value: &T) -> Vec<u64> {
    let mut out = Vec::new();
    value.encode(&mut out);
    out
}

/// Decodes a value that is all of `words`.
pub fn from_words<T: Codec>(words: &[u64]) -> Result<T, DecodeError> {
    let mut input = Decoder::new(words);
    let value = T::decode(&mut input)?;
    input.finish()?;
    Ok(value)
}
