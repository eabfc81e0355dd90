// SnapcueCLITests
