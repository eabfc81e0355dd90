#!/usr/bin/python3
"""Drives the trainer's phone flow and the gym TV in a real browser (Chromium through its WebDriver).

usage: trainer_flow.py BASE_URL TOKEN SCREENSHOT_DIR

At a 390 px phone: enter the token, pick a drill, type an athlete, press Start, read the message beside
the button; at 1920 x 1080, /tv shows the running drill with no navigation; back on the phone, Stop asks
first (dismissed: the drill keeps running; accepted: it stops); then /tv shows the leaderboards of the
week. Prints one JSON object per step (what a person would check); exits non-zero when a step cannot run.
"""
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from webdriver_session import open_browser, report, viewport



def main():
    base, token, shots = sys.argv[1], sys.argv[2], sys.argv[3]
    driver = open_browser()
    wait = WebDriverWait(driver, 20)
    try:
        viewport(driver, 390, 844, True)
        driver.get(base + "/trainer")
        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "#token-form button").click()
        Select(driver.find_element(By.ID, "drill-choice")).select_by_value("choice-4")
        second_hidden = not driver.find_element(By.ID, "second-athlete").is_displayed()
        Select(driver.find_element(By.ID, "drill-choice")).select_by_value("head-to-head")
        second_shown = driver.find_element(By.ID, "second-athlete").is_displayed()
        Select(driver.find_element(By.ID, "drill-choice")).select_by_value("choice-4")
        driver.find_element(By.ID, "athlete-1").send_keys("Kim")
        button = driver.find_element(By.CSS_SELECTOR, "#start-form button[type=submit]")
        button.click()
        status = driver.find_element(By.ID, "start-status")
        wait.until(lambda d: status.text and not status.text.startswith("Starting"))
        link = status.find_elements(By.TAG_NAME, "a")
        near = abs(status.rect["y"] - button.rect["y"]) < 60 or 0 <= status.rect["y"] - (button.rect["y"] + button.rect["height"]) < 40
        driver.save_screenshot(f"{shots}/trainer-started-phone.png")
        report("start", message=status.text, link=link[0].get_attribute("href") if link else None, beside_button=near,
               second_athlete_hidden_for_one_side=second_hidden, second_athlete_shown_for_head_to_head=second_shown,
               page_scrolls_sideways=driver.execute_script("return document.documentElement.scrollWidth > document.documentElement.clientWidth"))

        viewport(driver, 1920, 1080, False)
        driver.get(base + "/tv")
        wait.until(lambda d: d.find_element(By.ID, "live").get_attribute("data-status") == "running")
        time.sleep(1.5)  # a few trials' pictures
        driver.save_screenshot(f"{shots}/tv-running-1920.png")
        report("tv-running", navigation=bool(driver.find_elements(By.CSS_SELECTOR, "header.bar")),
               live_shown=driver.find_element(By.ID, "tv-live").is_displayed(),
               boards_shown=driver.find_element(By.ID, "tv-idle").is_displayed(),
               title=driver.find_element(By.ID, "live-title").text,
               fits=driver.execute_script("return document.documentElement.scrollHeight <= innerHeight + 1 && document.documentElement.scrollWidth <= innerWidth"))

        viewport(driver, 390, 844, True)
        driver.get(base + "/trainer")
        stop = driver.find_element(By.CSS_SELECTOR, "#stop-form button")
        stop.click()
        alert = wait.until(lambda d: d.switch_to.alert)
        question = alert.text
        alert.dismiss()
        time.sleep(0.5)
        still_running = driver.execute_script("return fetch('/api/live').then(r => r.json()).then(s => s.status)")
        stop.click()
        wait.until(lambda d: d.switch_to.alert).accept()
        status = driver.find_element(By.ID, "start-status")
        wait.until(lambda d: status.text)
        report("stop", question=question, running_after_dismiss=still_running, message=status.text)

        viewport(driver, 1920, 1080, False)
        driver.get(base + "/tv")
        wait.until(lambda d: d.find_element(By.ID, "live").get_attribute("data-status") != "running")
        time.sleep(0.5)
        driver.save_screenshot(f"{shots}/tv-idle-1920.png")
        board = driver.find_elements(By.CSS_SELECTOR, ".tv-board:not([hidden]) h2")
        report("tv-idle", boards_shown=driver.find_element(By.ID, "tv-idle").is_displayed(),
               live_shown=driver.find_element(By.ID, "tv-live").is_displayed(), board=board[0].text if board else None,
               heading_px=driver.execute_script("const h = document.querySelector('.tv-board h2'); return h ? parseFloat(getComputedStyle(h).fontSize) : 0"),
               row_px=driver.execute_script("const t = document.querySelector('.tv-board td'); return t ? parseFloat(getComputedStyle(t).fontSize) : 0"),
               fits=driver.execute_script("return document.documentElement.scrollHeight <= innerHeight + 1 && document.documentElement.scrollWidth <= innerWidth"))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
