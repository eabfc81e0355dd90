"""What the browser checks share: Debian's Chromium through its WebDriver, a viewport of exact CSS
pixels, and one JSON line per step for the Swift test that runs them."""
import json

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def open_browser():
    """Headless Chromium (Debian's chromium and chromium-driver)."""
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def viewport(driver, width, height, mobile=False):
    """The page's viewport itself, not the window: exactly `width` CSS px (a phone's 390)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def report(step, **figures):
    """One step's figures, as a JSON line."""
    print(json.dumps({"step": step, **figures}), flush=True)
