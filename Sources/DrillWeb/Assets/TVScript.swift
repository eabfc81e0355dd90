/// The TV page's script: shows the live picture while a drill runs, else rotates the boards.
enum TVScript {
    /// Seconds each leaderboard stays on screen.
    static let secondsPerBoard = 12

    static let javascript = """
        "use strict";
        (function () {
          const live = document.getElementById("live");
          const idle = document.getElementById("tv-idle");
          const picture = document.getElementById("tv-live");
          const boards = Array.from(document.querySelectorAll(".tv-board"));
          let shown = 0;
          function update() {
            const running = live.dataset.status === "running";
            idle.hidden = running;
            picture.hidden = !running;
          }
          new MutationObserver(update).observe(live, { attributes: true, attributeFilter: ["data-status"] });
          update();
          setInterval(function () {
            if (boards.length < 2 || !picture.hidden) return;
            boards[shown].hidden = true;
            shown = (shown + 1) % boards.length;
            boards[shown].hidden = false;
          }, \(secondsPerBoard * 1000));
        })();
        """
}
