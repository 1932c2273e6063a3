"""The decision engine: pure functions over the compiled law. No I/O."""
