#!/usr/bin/python3
"""A coach builds, saves and runs a new drill from a phone, in a real browser (Chromium through its WebDriver).

usage: builder_flow.py BASE_URL TOKEN SCREENSHOT_DIR

At 390 px: the drill builder checks a drill as it is typed (a wrong pad is a located error, fixed, then
ready with a plan), saves it, edits a drill already here (saving it raises its version), builds a
partner drill (the partner's pads and the pad each calls), and the first new drill then starts from the
trainer page. Screenshots at phone, laptop and TV sizes. Prints one JSON
object per step; exits non-zero when a step cannot run.
"""
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from webdriver_session import open_browser, report, viewport



def retype(element, text):
    element.clear()
    element.send_keys(text)


def main():
    base, token, shots = sys.argv[1], sys.argv[2], sys.argv[3]
    driver = open_browser()
    wait = WebDriverWait(driver, 20)
    check = lambda: driver.find_element(By.ID, "check")
    try:
        viewport(driver, 390, 844, True)
        driver.get(base + "/trainer")
        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "#token-form button").click()
        driver.get(base + "/trainer/builder")
        wait.until(lambda d: check().text.startswith("Ready"))
        retype(driver.find_element(By.ID, "drill-name"), "kim-drill")
        retype(driver.find_element(By.NAME, "title"), "Kim's drill")
        target = driver.find_element(By.CSS_SELECTOR, "#cues [data-field=target]")
        retype(target, "padX")
        wait.until(lambda d: "padX" in check().text)
        located = check().text
        driver.save_screenshot(f"{shots}/builder-error-phone.png")
        retype(target, "pad1")
        wait.until(lambda d: check().text.startswith("Ready"))
        plan = len(driver.find_elements(By.CSS_SELECTOR, "#plan li"))
        yaml = driver.find_element(By.ID, "yaml").text
        report("check", located_error=located, plan_items=plan, yaml_has_name="name: kim-drill" in yaml,
               page_scrolls_sideways=driver.execute_script("return document.documentElement.scrollWidth > document.documentElement.clientWidth"))
        driver.find_element(By.CSS_SELECTOR, "#builder-form button[type=submit]").click()
        status = driver.find_element(By.ID, "save-status")
        wait.until(lambda d: status.text and not status.text.startswith("Saving"))
        driver.save_screenshot(f"{shots}/builder-saved-phone.png")
        report("save-new", message=status.text)

        Select(driver.find_element(By.ID, "template")).select_by_value("choice-4")
        note = driver.find_element(By.ID, "template-note")
        wait.until(lambda d: note.text)
        wait.until(lambda d: check().text.startswith("Ready"))
        retype(driver.find_element(By.NAME, "title"), "Four-pad choice, coach's cut")
        wait.until(lambda d: "coach" in driver.find_element(By.ID, "yaml").text)
        driver.find_element(By.CSS_SELECTOR, "#builder-form button[type=submit]").click()
        wait.until(lambda d: status.text and not status.text.startswith("Saving") and "choice-4" in status.text)
        report("save-edit", note=note.text, message=status.text)
        for name, width, height in [("laptop", 1280, 800), ("tv", 1920, 1080)]:
            viewport(driver, width, height, False)
            driver.save_screenshot(f"{shots}/builder-{name}.png")

        viewport(driver, 390, 844, True)
        Select(driver.find_element(By.ID, "template")).select_by_value("")
        wait.until(lambda d: check().text.startswith("Ready"))
        retype(driver.find_element(By.ID, "drill-name"), "mirror-kim")
        Select(driver.find_element(By.NAME, "cue_source")).select_by_value("partner")
        rows = lambda: driver.find_elements(By.CSS_SELECTOR, "#partner-pads .partner-pad")
        wait.until(lambda d: len(rows()) == 1)
        retype(rows()[0].find_element(By.CSS_SELECTOR, "[data-field=pad]"), "partner-left")
        retype(rows()[0].find_element(By.CSS_SELECTOR, "[data-field=target]"), "right")
        driver.find_element(By.ID, "add-partner-pad").click()
        retype(rows()[1].find_element(By.CSS_SELECTOR, "[data-field=pad]"), "partner-right")
        retype(rows()[1].find_element(By.CSS_SELECTOR, "[data-field=target]"), "left")
        retype(driver.find_element(By.NAME, "partner_feints"), "partner-feint")
        wait.until(lambda d: "partner-feint" in driver.find_element(By.ID, "yaml").text)
        wait.until(lambda d: check().text.startswith("Ready"))
        partner_yaml = driver.find_element(By.ID, "yaml").text
        driver.save_screenshot(f"{shots}/builder-partner-phone.png")
        hidden = not driver.find_element(By.NAME, "foreperiod_min").is_displayed() and not driver.find_element(By.ID, "cues").is_displayed()
        driver.find_element(By.CSS_SELECTOR, "#builder-form button[type=submit]").click()
        wait.until(lambda d: status.text and not status.text.startswith("Saving") and "mirror-kim" in status.text)
        report("partner", yaml=partner_yaml, check=check().text, planned_fields_hidden=hidden, message=status.text)

        driver.get(base + "/trainer")
        Select(driver.find_element(By.ID, "drill-choice")).select_by_value("kim-drill")
        driver.find_element(By.ID, "athlete-1").send_keys("Kim")
        driver.find_element(By.CSS_SELECTOR, "#start-form button[type=submit]").click()
        started = driver.find_element(By.ID, "start-status")
        wait.until(lambda d: started.text and not started.text.startswith("Starting"))
        driver.save_screenshot(f"{shots}/builder-drill-started-phone.png")
        report("run", message=started.text)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
