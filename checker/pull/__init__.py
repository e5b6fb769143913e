"""Live pulls from a platform's API into the export files ``rolegate import`` reads."""
