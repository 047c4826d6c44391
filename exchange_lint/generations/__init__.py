"""One package per Exchange generation (`exchange_lint.generation` lists them): its model, its
routing and its rules sit together there; everything outside this folder is shared."""
