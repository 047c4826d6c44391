"""The rules of the Exchange 2007–SE generation, one module per rule."""
