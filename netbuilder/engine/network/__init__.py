"""The network: per-layer shape rules, the shape check and its fixes, layer builders, compile."""
