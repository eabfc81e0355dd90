/// The built-in simulated station (`--station sim`). It has every light,
/// switch and sound the shipped profiles use, and keyboard keys for playing
/// the switches in a terminal: the athlete's pads (1–4, space, a, l, h), a
/// partner's pads (w, o; y a feint) and the timing gates of a gate run (g the
/// start, x/n the decision gates, z/m the finish gates). Its four pads are RGB pads (each shows its
/// own colour unless a cue names another), so colour drills run on it too.
let simulatedStationText = """
    name: sim
    description: Simulated station (terminal lights, keyboard switches, ALSA default sound)
    lights:
      pad:   {color: white}
      go:    {color: green}
      stop:  {color: red}
      pad1:  {colors: [red, green, blue]}
      pad2:  {colors: [green, red, blue]}
      pad3:  {colors: [blue, red, green]}
      pad4:  {colors: [yellow, red, green, blue]}
      left:  {color: cyan}
      right: {color: orange}
    switches:
      pad:   {key: space}
      home:  {key: h}
      pad1:  {key: "1"}
      pad2:  {key: "2"}
      pad3:  {key: "3"}
      pad4:  {key: "4"}
      left:  {key: a}
      right: {key: l}
      partner-left:  {key: w}
      partner-right: {key: o}
      partner-feint: {key: y}
    gates:
      start:        {key: g}
      finish-left:  {key: z}
      finish-right: {key: m}
      decide-left:  {key: x}
      decide-right: {key: n}
    sounds:
      beep:  {tone: 1000Hz, duration: 150ms, level: -6dB}
      high:  {tone: 1500Hz, duration: 150ms, level: -6dB}
      low:   {tone: 500Hz, duration: 150ms, level: -6dB}
      buzz:  {tone: 220Hz, waveform: square, duration: 250ms, level: -12dB}
    """
