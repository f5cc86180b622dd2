//! Nothing to see: this crate only pins the features of the checker's
//! dependencies (see its Cargo.toml).
