// Experiment plans, runners and summaries.
