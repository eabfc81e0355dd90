import DrillStats
import Testing

/// Reference values were computed with SciPy 1.x (`scipy.stats.theilslopes`,
/// `scipy.stats.norm.ppf`) and NumPy; the commands are in the comments.
@Suite("Statistics against reference implementations")
struct ReferenceValueTests {
    @Test("the normal quantile matches scipy.stats.norm.ppf to 1e-12, tails included")
    func normalQuantile() {
        let reference: [(Double, Double)] = [
            (0.025, -1.9599639845400545), (0.5, 0), (0.975, 1.959963984540054), (1e-10, -6.361340902404056),
            (0.3, -0.5244005127080409), (0.999, 3.090232306167813),
        ]
        for (p, expected) in reference {
            #expect(abs(NormalDistribution.quantile(p) - expected) < 1e-12, "p = \(p)")
        }
    }

    @Test("Theil–Sen slope, intercept and 95 % interval equal scipy.stats.theilslopes")
    func theilSen() throws {
        // theilslopes([300,296,299,288,290,284,301,279,281,276], range(10))
        let fit = try #require(TheilSenFit(x: (0..<10).map(Double.init), y: [300, 296, 299, 288, 290, 284, 301, 279, 281, 276]))
        #expect(fit.slope == -2.5)
        #expect(fit.intercept == 300.25)
        #expect(fit.lowerSlope == -4.0)
        #expect(abs(fit.upperSlope - -1.4) < 1e-12)
    }

    @Test("Theil–Sen with tied x and tied y uses Sen's tie-corrected variance, as SciPy does")
    func theilSenTies() throws {
        // theilslopes([250,260,255,255,240,238,230,231], [0,0,1,2,2,3,5,8])
        let fit = try #require(TheilSenFit(x: [0, 0, 1, 2, 2, 3, 5, 8], y: [250, 260, 255, 255, 240, 238, 230, 231]))
        #expect(fit.slope == -4.0)
        #expect(fit.intercept == 253.0)
        #expect(abs(fit.lowerSlope - -8.333333333333334) < 1e-12)
        #expect(abs(fit.upperSlope - -1.4) < 1e-12)
    }

    @Test("one point, or points that all share x, give no trend rather than a made-up one")
    func theilSenDegenerate() {
        #expect(TheilSenFit(x: [1], y: [250]) == nil)
        #expect(TheilSenFit(x: [2, 2, 2], y: [250, 260, 240]) == nil)
    }

    @Test("d′ uses the log-linear correction: 18/20 go, 3/10 no-go gives 1.6526 (SciPy)")
    func dPrime() throws {
        // norm.ppf(18.5/21) - norm.ppf(3.5/11)
        let d = try #require(DPrime(goTrials: 20, goResponses: 18, noGoTrials: 10, commissions: 3))
        #expect(abs(d.value - 1.6525502386041286) < 1e-12)
        #expect(d.hitRate == 0.9 && d.falseAlarmRate == 0.3)
    }

    @Test("d′ stays finite for perfect rates (hit rate 1, false alarms 0)")
    func dPrimeExtremes() throws {
        // norm.ppf(20.5/21) - norm.ppf(0.5/11)
        let d = try #require(DPrime(goTrials: 20, goResponses: 20, noGoTrials: 10, commissions: 0))
        #expect(abs(d.value - 3.6713740262321766) < 1e-12)
        #expect(DPrime(goTrials: 20, goResponses: 20, noGoTrials: 0, commissions: 0) == nil)
    }

    @Test("IQR, mean 1/RT and the 10 % tails match NumPy on a sample with one lapse")
    func descriptive() throws {
        // a = [212,250,231,305,287,263,199,244,520,276]; np.percentile(a,75)-np.percentile(a,25); np.mean(1000/a)
        let rts: [Double] = [212, 250, 231, 305, 287, 263, 199, 244, 520, 276]
        #expect(Descriptive.interquartileRange(rts) == 50)
        #expect(abs(Descriptive.mean(rts.map { 1000 / $0 })! - 3.828102752473497) < 1e-12)
        #expect(abs(Descriptive.standardDeviation(rts)! - 90.88704833778878) < 1e-9)
        #expect(Descriptive.meanOfExtreme(rts, fraction: 0.1, largest: true) == 520)  // k = round(10 / 10) = 1
        #expect(Descriptive.meanOfExtreme(rts, fraction: 0.1, largest: false) == 199)
        #expect(Descriptive.meanOfExtreme([300, 200], fraction: 0.1, largest: false) == 200)  // k is at least 1
    }

    @Test("least-squares slope by hand: Sxy 9.5 over Sxx 5 is 1.9; no slope from fewer than three points or one x")
    func leastSquares() {
        #expect(Descriptive.leastSquaresSlope(x: [0, 1, 2, 3], y: [1, 3.5, 4.5, 7]) == 1.9)  // Sxy = 9.5, Sxx = 5
        #expect(Descriptive.leastSquaresSlope(x: [1, 1, 1], y: [1, 2, 3]) == nil)
        #expect(Descriptive.leastSquaresSlope(x: [1, 2], y: [1, 2]) == nil)
    }
}
