//! The type-level state of generated builders.
//!
//! A builder carries one type parameter, a list `(Unset, (Set, (Unset, ())))` with an entry per
//! settable field. A setter names its field by a type-level index (`I0`, `I1`, ...) and asks
//! [`Slot`] for the entry there (it must be `Unset`) and for the list with that entry `Set`. So a
//! setter's signature is the same size whatever the number of fields, where one type parameter per
//! field made every setter list all of them (see BENCHMARKS.md). A setter asks its entry for
//! [`IsUnset`], one trait for every field; `.build()` asks each required field's entry for a trait
//! the generator writes per field, whose `#[diagnostic::on_unimplemented]` names the missing field.

use core::marker::PhantomData;

/// Typestate marker: this builder field has been set.
pub struct Set;
/// Typestate marker: this builder field has not been set yet.
pub struct Unset;

/// The bound every setter puts on its field's entry: the field is not set yet. When a field is set
/// twice, the compiler's message is this trait's; its span is the second call of the setter, and
/// the note under it names the builder and the setter (`required by a bound in
/// UpdateGroupRequestBuilder::<S>::chatid`).
///
/// One trait for every field, where a trait per field, as for a missing required field, would name
/// the field in the message itself: a trait and an impl per field cost about 4% of an endpoint's
/// build (BENCHMARKS.md, "Issue 18"). The trait has no parameter naming the struct the builder
/// builds, for the same reason: `IsUnset<UpdateGroupRequest>` in every setter's bound cost about 2%
/// more.
#[diagnostic::on_unimplemented(
    message = "this field is already set on this builder",
    label = "set before; each field is set once"
)]
pub trait IsUnset {}

impl IsUnset for Unset {}

/// The index of the first entry.
pub struct Zero;
/// The index after `I`.
pub struct Next<I>(PhantomData<I>);

/// The entry at index `I` of a state list, and the list with that entry set.
pub trait Slot<I> {
    /// `Set` or `Unset`.
    type At;
    /// The same list with the entry at `I` replaced by `Set`.
    type Filled;
}

impl<H, T> Slot<Zero> for (H, T) {
    type At = H;
    type Filled = (Set, T);
}

impl<H, T: Slot<I>, I> Slot<Next<I>> for (H, T) {
    type At = T::At;
    type Filled = (H, T::Filled);
}

/// The state after a setter: `S` with the entry at `I` set.
pub type Filled<S, I> = <S as Slot<I>>::Filled;

/// `<In as Fresh>::State` is the list of `n` entries, all `Unset`: a new builder's state.
pub trait Fresh {
    /// The all-`Unset` list.
    type State;
}

impl Fresh for Zero {
    type State = ();
}

impl<I: Fresh> Fresh for Next<I> {
    type State = (Unset, I::State);
}

/// Short names for the indices the generator uses; past `I63` it nests [`Next`] around `I63`.
pub mod indices {
    use super::{Next, Zero};

    /// Index 0.
    pub type I0 = Zero;

    macro_rules! indices {
        ($prev:ident; $name:ident $(, $rest:ident)*) => {
            #[doc = concat!("The index after `", stringify!($prev), "`.")]
            pub type $name = Next<$prev>;
            indices!($name; $($rest),*);
        };
        ($prev:ident;) => {};
    }

    indices!(I0; I1, I2, I3, I4, I5, I6, I7, I8, I9, I10, I11, I12, I13, I14, I15, I16, I17, I18, I19, I20, I21, I22, I23, I24, I25, I26, I27, I28, I29, I30, I31, I32, I33, I34, I35, I36, I37, I38, I39, I40, I41, I42, I43, I44, I45, I46, I47, I48, I49, I50, I51, I52, I53, I54, I55, I56, I57, I58, I59, I60, I61, I62, I63);
}

#[cfg(test)]
mod tests {
    use super::indices::*;
    use super::*;

    /// Compiles only when `A` and `B` are the same type.
    fn same<A, B>()
    where
        A: Is<B>,
    {
    }
    trait Is<T> {}
    impl<T> Is<T> for T {}

    type Three = <I3 as Fresh>::State;

    #[test]
    fn a_fresh_state_has_one_unset_entry_per_field() {
        same::<Three, (Unset, (Unset, (Unset, ())))>();
        same::<<I0 as Fresh>::State, ()>();
    }

    #[test]
    fn filling_an_index_sets_that_entry_only() {
        same::<<Three as Slot<I0>>::Filled, (Set, (Unset, (Unset, ())))>();
        same::<<Three as Slot<I2>>::Filled, (Unset, (Unset, (Set, ())))>();
        type Two = <<Three as Slot<I2>>::Filled as Slot<I0>>::Filled;
        same::<Two, (Set, (Unset, (Set, ())))>();
        same::<<Two as Slot<I2>>::At, Set>();
        same::<<Two as Slot<I1>>::At, Unset>();
    }

    #[test]
    fn indices_count_up() {
        same::<I63, Next<I62>>();
        same::<I1, Next<Zero>>();
    }
}
