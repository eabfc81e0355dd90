/// The one stylesheet: readable on a phone at the station, a laptop, and a TV across the gym.
enum Stylesheet {
    static let css = #"""
    :root { --bg: #0f1419; --panel: #1a2129; --text: #e8edf2; --muted: #93a1b0; --accent: #37c871; --bad: #ff6b5b; --warn: #ffc445; --grid: #2c3642; }
    * { box-sizing: border-box; }
    [hidden] { display: none !important; }
    body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--text); }
    a { color: #7cc4ff; }
    header.bar { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; background: var(--panel); border-bottom: 1px solid var(--grid); flex-wrap: wrap; }
    header.bar .brand { font-weight: 700; font-size: 1.2rem; color: var(--accent); text-decoration: none; }
    header.bar nav { display: flex; gap: 1rem; flex-wrap: wrap; }
    header.bar nav a { color: var(--text); text-decoration: none; padding: .2rem .1rem; }
    header.bar nav a[aria-current=page] { border-bottom: 2px solid var(--accent); }
    header.bar .station { margin-left: auto; color: var(--muted); }
    main { padding: 1rem 1.2rem 3rem; max-width: 1200px; margin: 0 auto; }
    h1 small, h2 small { color: var(--muted); font-weight: 400; font-size: .6em; }
    .table-scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--grid); text-align: left; }
    th { color: var(--muted); font-weight: 600; font-size: .9em; }
    td.num, th.num { text-align: right; }
    tbody tr:hover { background: #1f2831; }
    .metric { font-weight: 700; }
    .empty, .note, .hint, .lead { color: var(--muted); }
    .error { color: var(--bad); }
    .fix { color: var(--warn); }
    form.filters { display: flex; gap: 1rem; flex-wrap: wrap; align-items: end; margin: .5rem 0; }
    label { display: inline-flex; flex-direction: column; gap: .2rem; color: var(--muted); font-size: .9em; margin: .2rem .6rem .2rem 0; }
    label.inline { flex-direction: row; align-items: center; }
    select { max-width: 100%; text-overflow: ellipsis; }
    input, select, textarea, button { font: inherit; color: var(--text); background: #0b0f13; border: 1px solid var(--grid); border-radius: 6px; padding: .35rem .5rem; }
    textarea { width: 100%; min-width: 20rem; font-family: ui-monospace, monospace; }
    button { background: var(--accent); color: #06210f; border: 0; font-weight: 600; cursor: pointer; padding: .45rem .9rem; }
    button.danger { background: var(--bad); color: #2a0500; }
    .card { background: var(--panel); border: 1px solid var(--grid); border-radius: 10px; padding: .8rem 1rem; margin: 1rem 0; }
    .builder { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
    fieldset.row { border: 1px solid var(--grid); border-radius: 8px; margin: .4rem 0; padding: .4rem .6rem; display: flex; flex-wrap: wrap; gap: .2rem .4rem; align-items: end; }
    fieldset.row input:not([type=checkbox]) { width: 9rem; }
    form.partner-drill .planned-only { display: none; }
    pre.yaml { white-space: pre-wrap; word-break: break-word; background: #0b0f13; padding: .6rem; border-radius: 6px; font-size: .85em; }
    ol.plan { max-height: 18rem; overflow-y: auto; padding-left: 2rem; font-size: .9em; }
    #check.ok { color: var(--accent); } #check.error { color: var(--bad); }
    @media (min-width: 901px) { .builder-side { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; } }
    @media (max-width: 900px) { .builder { grid-template-columns: minmax(0, 1fr); } }
    .start-row { display: flex; gap: .8rem; align-items: center; flex-wrap: wrap; margin-top: .4rem; }
    .start-status { margin: 0; font-weight: 600; } .start-status.ok { color: var(--accent); } .start-status.error { color: var(--bad); }
    .result { white-space: pre-wrap; background: var(--panel); padding: .8rem; border-radius: 8px; min-height: 2rem; }
    .status.complete { color: var(--accent); } .status.aborted { color: var(--bad); } .status.running { color: var(--warn); }
    .outcome.hit, .outcome.nogo_correct, .outcome.catch_correct { color: var(--accent); }
    .outcome.miss, .outcome.wrong_target, .outcome.nogo_commission, .outcome.false_start, .outcome.anticipation, .outcome.stuck_switch { color: var(--bad); }
    dl.figures { display: flex; gap: 1rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
    dl.figures > div { background: var(--panel); border-radius: 8px; padding: .5rem .9rem; min-width: 12rem; }
    dl.figures dt { color: var(--muted); font-size: .85em; } dl.figures dd { margin: 0; } dl.figures dd.pb, dl.figures dd.trend { font-size: 1.5em; font-weight: 700; }
    svg.chart { width: 100%; max-width: 760px; height: auto; background: var(--panel); border-radius: 8px; display: block; margin: .4rem 0 1rem; }
    svg.chart .grid { stroke: var(--grid); stroke-width: 1; }
    svg.chart .tick, svg.chart .axis-label { fill: var(--muted); font-size: 12px; }
    /* A chart's marks, and the same marks in its legend (svg.swatch). */
    svg:is(.chart, .swatch) .band { fill: rgba(55, 200, 113, .18); stroke: none; }
    svg:is(.chart, .swatch) .trend-line { fill: none; stroke: var(--accent); stroke-width: 2.5; }
    svg:is(.chart, .swatch) .session-point { fill: #7cc4ff; stroke: var(--bg); stroke-width: 1.5; }
    svg:is(.chart, .swatch) .session-point.familiarisation { fill: none; stroke: #7cc4ff; }
    svg:is(.chart, .swatch) .session-point.not-counted { fill: var(--muted); opacity: .6; }
    svg:is(.chart, .swatch) .session-point.best { fill: var(--warn); }
    svg:is(.chart, .swatch) .box { fill: rgba(124, 196, 255, .25); stroke: #7cc4ff; }
    svg:is(.chart, .swatch) .whisker { stroke: #7cc4ff; } svg:is(.chart, .swatch) .median { stroke: var(--warn); stroke-width: 2.5; }
    svg:is(.chart, .swatch) .rt { fill: var(--text); opacity: .55; }
    ul.legend { list-style: none; padding: 0; margin: -.6rem 0 1rem; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; color: var(--muted); font-size: .9em; max-width: 760px; }
    ul.legend li { display: flex; align-items: center; gap: .4rem; }
    svg.swatch { width: 1.4em; height: 1.4em; flex: none; }
    dl.explain { margin: .2rem 0 1.2rem; color: var(--muted); font-size: .9em; max-width: 60rem; }
    dl.explain > div { margin: .25rem 0; } dl.explain dt { display: inline; font-weight: 600; color: var(--text); }
    dl.explain dt::after { content: ": "; } dl.explain dd { display: inline; margin: 0; }
    body.tv main { max-width: none; }
    .live { text-align: center; }
    .live h1 { font-size: clamp(1.6rem, 4vw, 3.5rem); margin: .2rem 0; }
    .live .who { font-size: clamp(1.4rem, 3.5vw, 3rem); color: var(--muted); margin: 0; }
    .cue-area { display: flex; justify-content: center; align-items: center; gap: 3vw; min-height: 30vh; margin: 2vh 0; border-radius: 16px; background: #0a0d10; }
    .cue-area .phase-text { font-size: clamp(2rem, 8vw, 7rem); font-weight: 800; color: var(--muted); }
    .cue-area[data-phase=cue] .phase-text { color: var(--text); }
    .cue-light { width: clamp(6rem, 18vw, 16rem); height: clamp(6rem, 18vw, 16rem); border-radius: 18px; display: flex; align-items: end; justify-content: center; font-size: clamp(1rem, 2vw, 2rem); font-weight: 700; color: #000; padding-bottom: .5rem; }
    .live-numbers { display: flex; justify-content: center; gap: 8vw; }
    .live-numbers > div { display: flex; flex-direction: column; align-items: center; }
    .live-numbers .label { color: var(--muted); font-size: clamp(1rem, 2vw, 2rem); text-transform: uppercase; letter-spacing: .1em; }
    .live-numbers .big { font-size: clamp(4rem, 16vw, 14rem); font-weight: 800; line-height: 1; font-variant-numeric: tabular-nums; }
    .outcome-text { font-size: clamp(1.2rem, 3vw, 3rem); color: var(--muted); min-height: 1.2em; }
    .progress { height: 1.2rem; background: var(--panel); border-radius: 1rem; overflow: hidden; margin: 2vh 5vw; }
    .progress > div { height: 100%; background: var(--accent); transition: width .3s; }
    .live-sides { max-width: 60rem; margin: 1rem auto; font-size: clamp(1rem, 2.2vw, 2rem); }
    .recent { list-style: none; padding: 0; display: flex; justify-content: center; gap: 1.2rem; flex-wrap: wrap; font-size: clamp(1rem, 2vw, 1.8rem); color: var(--muted); }
    .connection { color: var(--muted); font-size: .9rem; }
    /* The gym TV (/tv): no navigation, everything sized by the screen, read from across the gym. */
    body.kiosk main { padding: 1.5vh 3vw; }
    .kiosk .live h1 { font-size: min(4vw, 6vh); }
    .kiosk .live .who { font-size: min(3.5vw, 4.5vh); }
    .kiosk .cue-area { min-height: 26vh; margin: 1.5vh 0; }
    .kiosk .cue-light { width: min(18vw, 24vh); height: min(18vw, 24vh); }
    .kiosk .live-numbers .big { font-size: min(16vw, 17vh); }
    .kiosk .live-numbers .label, .kiosk .outcome-text { font-size: min(2vw, 3vh); }
    .kiosk .progress { margin: 1.5vh 5vw; }
    .kiosk .live-sides, .kiosk .recent { font-size: min(2.2vw, 3vh); margin: 1vh auto; }
    .tv-idle { text-align: center; }
    .tv-station { color: var(--muted); font-size: clamp(1rem, 1.6vw, 3rem); margin: 0 0 1vh; }
    .tv-board h2 { font-size: clamp(2rem, 4.2vw, 9rem); margin: 1vh 0 2vh; }
    .tv-board h2 small { display: block; font-size: .45em; }
    .tv-board table { width: auto; margin: 0 auto; font-size: clamp(1.6rem, 3.6vw, 7.5rem); }
    .tv-board td { padding: .6vh 2vw; border-bottom: 2px solid var(--grid); }
    .tv-board td.team { color: var(--muted); font-size: .6em; }
    .tv-board tr:first-child td { color: var(--warn); }
    .tv-empty { font-size: clamp(1.6rem, 3vw, 6rem); color: var(--muted); margin-top: 30vh; }
    /* A phone at the station: tighter cells and margins, nothing wider than the screen. */
    @media (max-width: 600px) {
      main { padding: .6rem .6rem 2rem; }
      header.bar { gap: .6rem; padding: .5rem .6rem; }
      header.bar .station { margin-left: 0; }
      th, td { padding: .3rem .4rem; font-size: .9em; }
      textarea { min-width: 0; }
      label { max-width: 100%; }
      select, input:not([type=checkbox]):not([type=radio]) { max-width: 100%; }
      dl.figures > div { min-width: 0; flex: 1 1 9rem; }
      /* Charts draw at half their size here: larger type keeps their labels readable (about 11 px),
         and the axis titles give way to the headings and legends, which say the same. */
      svg.chart .tick { font-size: 22px; }
      svg.chart .axis-label { display: none; }
      .live-numbers { gap: 4vw; flex-wrap: wrap; }
    }
    """#
}
