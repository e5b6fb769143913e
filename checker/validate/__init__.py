"""Validate: check each document against its kind's JSON Schema, and every name a document
uses against what the repo declares. Problems are findings at their lines."""
