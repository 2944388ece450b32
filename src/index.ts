// Only re-exports. Each module holds one concept.
