// DrillSimTests
