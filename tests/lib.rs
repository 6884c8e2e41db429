//! Integration and compile tests of group-api live in this package's test targets.
