// DrillStatsTests
