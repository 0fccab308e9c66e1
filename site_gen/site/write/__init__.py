"""Stage 4: writing only what changed into a stage beside the output, swapped in whole; the
manifest that makes an unchanged build a no-op."""
