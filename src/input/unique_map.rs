//! A YAML mapping in which a key given twice is an error. serde's own maps keep the last value,
//! so `care: 5` followed by `care: 2` would silently change a score; serde_yaml reports
//! duplicates only in its `Value` mappings, and derived structs only for their own fields.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, Error, MapAccess, Visitor};

/// The words every duplicate-key error starts with; `validate` looks for them to point at the
/// second key rather than at the mapping.
pub const DUPLICATE_KEY: &str = "duplicate key";

/// A map from text keys to values, sorted by key, with every key given once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UniqueMap<V>(pub BTreeMap<String, V>);

impl<V> UniqueMap<V> {
    pub fn iter(&self) -> std::collections::btree_map::Iter<'_, String, V> {
        self.0.iter()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueMapVisitor(PhantomData))
    }
}

struct UniqueMapVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMapVisitor<V> {
    type Value = UniqueMap<V>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = BTreeMap::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                return Err(A::Error::custom(format!(
                    "{DUPLICATE_KEY} `{key}`: it is given twice in this mapping"
                )));
            }
            let value = access.next_value()?;
            map.insert(key, value);
        }
        Ok(UniqueMap(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_an_error() {
        let error = serde_yaml::from_str::<UniqueMap<f64>>("care: 5\nspeed: 1\ncare: 2\n")
            .expect_err("duplicate");
        assert!(
            error.to_string().contains("duplicate key `care`"),
            "{error}"
        );
        let map: UniqueMap<f64> = serde_yaml::from_str("care: 5\nspeed: 1\n").unwrap();
        assert_eq!(map.0.len(), 2);
    }
}
