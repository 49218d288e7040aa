//! Content packs and the pure engines that interpret them.
