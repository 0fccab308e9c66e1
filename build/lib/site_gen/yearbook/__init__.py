"""Import: the only code that knows what a yearbook text looks like."""
