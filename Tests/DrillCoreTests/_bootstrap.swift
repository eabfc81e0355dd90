// DrillCoreTests
