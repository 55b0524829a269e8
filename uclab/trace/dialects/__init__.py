"""One module per product log grammar: each renders the lines its product writes (and is where
that grammar's parser lives beside its renderer)."""
