import DrillCore
import Testing
@testable import DrillLinux

/// The capture stream the virtual station's athlete listens with, on real
/// libasound's `null` plugin (silence, no card needed).
@Suite("ALSA capture (real libasound, no card)", .serialized)
struct PCMCaptureTests {
    func spec(_ device: String) -> SoundDeviceSpec {
        var spec = SoundDeviceSpec.standard
        (spec.device, spec.periodFrames, spec.periods) = (device, 480, 8)
        return spec
    }

    @Test("periods read from the null device are silence, and every frame read is counted")
    func readsCountedSilence() throws {
        let capture = try PCMCapture(spec: spec("null"))
        #expect(capture.rate == 48_000 && capture.periodFrames == 480)
        var samples: [Int16] = []
        var total = 0
        for _ in 0..<5 {
            let read = try capture.readPeriod(into: &samples)
            #expect(!read.overrun)
            total += read.frames
            #expect(samples.prefix(read.frames * capture.channels).allSatisfy { $0 == 0 })
        }
        #expect(total > 0 && capture.framesRead == Int64(total))
        if let position = capture.capturedPosition() {
            #expect(position.frame >= capture.framesRead)
        }
    }

    @Test("a capture device that does not exist is a clear error naming it")
    func missingDevice() {
        #expect {
            _ = try PCMCapture(spec: spec("hw:97,0"))
        } throws: { error in
            (error as? ALSAError).map { $0.function == "snd_pcm_open" && $0.description.contains("hw:97,0") } ?? false
        }
    }
}
