/* The PHQ-9 mood check (/// phq9, clinicsite/components/phq9.py): adds up
   the score in the browser. Loaded only by pages that hold the check
   (main.html). Nothing leaves the page: no form, no request, no cookie, no
   storage, nothing in the address (phones and computers are shared).
   Without this file the questions still show, with the crisis lines after
   question 9 and how to add up the score by hand. */
(function () {
  "use strict";

  function answer(box, n) {
    var checked = box.querySelector('input[name="phq9-' + n + '"]:checked');
    return checked ? parseInt(checked.value, 10) : null;
  }

  function para(parent, text, tag) {
    var p = document.createElement(tag || "p");
    p.textContent = text;
    parent.appendChild(p);
    return p;
  }

  function setup(box) {
    var bands = JSON.parse(box.dataset.bands);
    var urgent = box.querySelector("[data-phq9-urgent]");
    var result = box.querySelector(".clinic-phq9__result");
    var actions = box.querySelector(".clinic-phq9__actions");

    // With JavaScript the crisis lines wait for question 9; without it they always show.
    urgent.hidden = true;

    var button = document.createElement("button");
    button.type = "button";  // never a submit button: nothing is sent anywhere
    button.className = "md-button md-button--primary clinic-phq9__add";
    button.textContent = "Add up my score";
    actions.appendChild(button);

    box.addEventListener("change", function (event) {
      // A changed answer makes an old score wrong: hide it until asked again.
      result.hidden = true;
      result.textContent = "";
      if (event.target.name === "phq9-9" && answer(box, 9) > 0 && urgent.hidden) {
        // Question 9 above "Not at all": the crisis lines at once, before any score.
        urgent.hidden = false;
        urgent.focus();
      }
    });

    button.addEventListener("click", function () {
      var missing = [], total = 0, n, value;
      for (n = 1; n <= 9; n++) {
        value = answer(box, n);
        if (value === null) missing.push(n);
        else total += value;
      }
      result.textContent = "";
      if (missing.length) {
        para(result, "Please answer " + (missing.length === 1 ? "question " : "questions ") +
             missing.join(", ").replace(/, (\d+)$/, " and $1") + " first. Then add up your score again.");
      } else {
        var band = bands.filter(function (b) { return total >= b[0] && total <= b[1]; })[0];
        para(result, "Your score is " + total + " out of 27.").className = "clinic-phq9__total";
        para(result, "On the PHQ-9, a score from " + band[0] + " to " + band[1] + " is called \u201c" +
             band[2] + "\u201d.").className = "clinic-phq9__band";
        if (answer(box, 9) > 0) {
          para(result, "Because of your answer to question 9, please talk to someone today. " +
               "The crisis lines are above, after question 9.").className = "clinic-phq9__urgent-again";
        }
        para(result, band[3]).className = "clinic-phq9__next";
        para(result, box.dataset.notADiagnosis);
      }
      result.hidden = false;
      result.focus();
    });
  }

  document.querySelectorAll("[data-phq9]").forEach(setup);
})();
