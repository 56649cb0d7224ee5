"""vbkg loaders: read, parse and extract Vietnamese directives; map, validate and load them."""
