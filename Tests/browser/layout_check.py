#!/usr/bin/python3
"""Measures the station web app's pages in a real browser (Chromium through its WebDriver).

usage: layout_check.py BASE_URL SCREENSHOT_DIR PATH [PATH ...]

For each page at a phone (390 x 844), a laptop (1280 x 800) and a TV (1920 x 1080), it prints one JSON
object per line: the page, the size, whether the page scrolls sideways (the document wider than the
viewport), the elements that stick out of the viewport outside a box that scrolls on its own, whether
the navigation bar is shown, its charts' smallest label (px tall as drawn), x-axis labels that overlap and
charts without a legend, and the screenshot it saved (SCREENSHOT_DIR/PAGE-SIZE.png). The Swift test
that runs it judges the figures.
"""
import json
import re
import sys

from webdriver_session import open_browser, viewport

SIZES = [("phone", 390, 844), ("laptop", 1280, 800), ("tv", 1920, 1080)]

# What sticks out of the viewport, outside an element that scrolls by itself (a wide table's box).
MEASURE = """
const width = document.documentElement.clientWidth;
const scrolls = (element) => {
  for (let e = element.parentElement; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') return true;
  }
  return false;
};
const out = [];
for (const element of document.querySelectorAll('body *')) {
  const box = element.getBoundingClientRect();
  if (box.width > 0 && box.right > width + 1 && !scrolls(element)) {
    out.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
             (element.className && typeof element.className === 'string' ? '.' + element.className.split(' ').join('.') : '') +
             ' right=' + Math.round(box.right));
  }
}
// Charts: the smallest label as drawn (px tall), x-axis labels that overlap, and charts without a legend.
let smallestLabel = null, overlaps = 0, withoutLegend = 0;
for (const chart of document.querySelectorAll('svg.chart')) {
  const ticks = [...chart.querySelectorAll('text.tick')].map((t) => t.getBoundingClientRect()).filter((b) => b.height > 0);
  for (const box of ticks) smallestLabel = smallestLabel === null ? box.height : Math.min(smallestLabel, box.height);
  const xTicks = ticks.filter((b) => b.top > chart.getBoundingClientRect().bottom - 40 * chart.getBoundingClientRect().height / 300);
  xTicks.sort((a, b) => a.left - b.left);
  for (let i = 1; i < xTicks.length; i++) if (xTicks[i].left < xTicks[i - 1].right) overlaps++;
  const next = chart.nextElementSibling;
  if (!next || !next.matches('ul.legend')) withoutLegend++;
}
return {
  charts: document.querySelectorAll('svg.chart').length, smallestChartLabel: smallestLabel, chartLabelOverlaps: overlaps,
  chartsWithoutLegend: withoutLegend,
  scrollWidth: document.documentElement.scrollWidth, clientWidth: width, sticking: out.slice(0, 6),
  navigation: !!document.querySelector('header.bar nav'), title: document.title,
};
"""


def main():
    base, shots, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    driver = open_browser()
    try:
        for name, width, height in SIZES:
            viewport(driver, width, height, mobile=name == "phone")
            for path in paths:
                driver.get(base + path)
                figures = driver.execute_script(MEASURE)
                slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"
                shot = f"{shots}/{slug}-{name}.png"
                driver.save_screenshot(shot)
                print(json.dumps({"page": path, "size": name, "width": width, "screenshot": shot, **figures}), flush=True)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
