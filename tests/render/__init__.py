"""Tests of the renderers, mirroring `relrot.render`."""
