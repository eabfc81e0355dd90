// DrillLinuxTests
