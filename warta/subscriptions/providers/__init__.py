"""Payment providers: how a reader pays. Each one ends in the subscription services."""
