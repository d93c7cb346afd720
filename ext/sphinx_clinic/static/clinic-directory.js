/* sphinx-clinic: the clinician directory's filters, combined in place.
 *
 * Without this script the filters are links to static pages. With it, each link becomes a
 * checkbox: values of one filter widen the list (Spanish or Portuguese), different filters
 * narrow it (Spanish and telehealth in NY). The address keeps the selection (?language=spanish
 * &state=NY), so it can be shared and the back button steps through it; a polite live region
 * says how many clinicians match. With no match, the filters that come closest are offered.
 * Every sentence comes translated from the page (data-clinic-counts, data-clinic-text).
 * Each card lists its values by position among the filters' values, in page order
 * (data-clinic-facets="0 7 12"); each value's facet is its disclosure's data-facet.
 */
(function () {
  "use strict";

  function setUp(root) {
    var form = root.querySelector(".clinic-filters");
    var status = root.querySelector(".clinic-filter-status");
    var empty = root.querySelector(".clinic-filter-empty");
    var items = Array.prototype.slice.call(root.querySelectorAll(".clinic-directory-item"));
    if (!form || !status || !empty) return;
    var counts = JSON.parse(root.getAttribute("data-clinic-counts") || "[]");
    var texts = JSON.parse(root.getAttribute("data-clinic-text") || "{}");
    var total = status.textContent;  // "8 clinicians": shown while nothing is chosen
    var facets = [];  // facet ids, in the order the filters show them
    var labels = {};  // "facet:value" -> label
    var values = [];  // "facet:value" of each filter value, in page order

    function countText(n) {
      return counts[Math.min(n, counts.length - 1)] || String(n);
    }

    // The links (or labels) become checkboxes inside the same fieldsets.
    form.querySelectorAll(".clinic-facet-link").forEach(function (link) {
      var details = link.closest(".clinic-facet");
      var facet = details ? details.getAttribute("data-facet") : "";
      var value = link.getAttribute("data-value");
      values.push(facet + ":" + value);
      var id = "clinic-filter-" + facet + "-" + value;
      var input = document.createElement("input");
      input.type = "checkbox";
      input.id = id;
      input.name = facet;
      input.value = value;
      input.className = "clinic-facet-input";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.className = "clinic-facet-choice";
      while (link.firstChild) label.appendChild(link.firstChild);
      var count = label.querySelector(".clinic-facet-count");
      labels[facet + ":" + value] = (count ? label.firstChild.textContent : label.textContent).trim();
      var li = link.parentNode;
      li.replaceChild(input, link);
      li.appendChild(label);
      if (facets.indexOf(facet) < 0) facets.push(facet);
    });

    // Each card's values, as "facet:value" keys.
    var tokens = items.map(function (item) {
      var set = {};
      (item.getAttribute("data-clinic-facets") || "").split(" ").forEach(function (n) {
        var key = n ? values[Number(n)] : "";  // "" would be Number 0
        if (key) set[key] = true;
      });
      return set;
    });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "clinic-filter-clear";
    clear.textContent = texts.clear || "Clear all filters";
    clear.addEventListener("click", function () { select({}, true); });
    form.appendChild(clear);

    function selection() {
      var chosen = {};
      form.querySelectorAll(".clinic-facet-input:checked").forEach(function (input) {
        (chosen[input.name] = chosen[input.name] || []).push(input.value);
      });
      return chosen;
    }

    // An item matches when, for every filter with a choice, it has one of the values.
    function matches(index, chosen, skip) {
      return Object.keys(chosen).every(function (facet) {
        if (facet === skip) return true;
        return chosen[facet].some(function (value) { return tokens[index][facet + ":" + value]; });
      });
    }

    function matching(chosen) {
      return items.filter(function (_, i) { return matches(i, chosen); }).length;
    }

    function without(chosen, facet, value) {
      var rest = {};
      Object.keys(chosen).forEach(function (f) {
        var values = chosen[f].filter(function (v) { return f !== facet || v !== value; });
        if (values.length) rest[f] = values;
      });
      return rest;
    }

    function toQuery(chosen) {
      var params = new URLSearchParams();
      facets.forEach(function (facet) {
        (chosen[facet] || []).forEach(function (value) { params.append(facet, value); });
      });
      return params.toString();
    }

    function fromQuery() {
      var params = new URLSearchParams(window.location.search);
      var chosen = {};
      facets.forEach(function (facet) {
        var values = params.getAll(facet).filter(function (v) { return labels[facet + ":" + v]; });
        if (values.length) chosen[facet] = values;
      });
      return chosen;
    }

    function showNearest(chosen) {
      empty.textContent = "";
      var intro = document.createElement("p");
      intro.textContent = texts.none || "";
      empty.appendChild(intro);
      var list = document.createElement("ul");
      list.className = "clinic-filter-nearest";
      var options = [];
      Object.keys(chosen).forEach(function (facet) {
        chosen[facet].forEach(function (value) {
          var rest = without(chosen, facet, value);
          var n = matching(rest);
          if (n) options.push({ rest: rest, n: n, label: labels[facet + ":" + value] });
        });
      });
      options.sort(function (a, b) { return b.n - a.n; });
      options.forEach(function (option) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = (texts.without || "%s").replace("%s", option.label) + ": " +
          countText(option.n);
        button.addEventListener("click", function () { select(option.rest, true); });
        var li = document.createElement("li");
        li.appendChild(button);
        list.appendChild(li);
      });
      var all = document.createElement("button");
      all.type = "button";
      all.textContent = texts.all || "Show every clinician";
      all.addEventListener("click", function () { select({}, true); });
      var last = document.createElement("li");
      last.appendChild(all);
      list.appendChild(last);
      empty.appendChild(list);
      empty.hidden = false;
    }

    function apply(chosen) {
      var shown = 0;
      items.forEach(function (item, i) {
        var on = matches(i, chosen);
        item.hidden = !on;
        if (on) shown += 1;
      });
      // Each value's count: the clinicians it would show with the other filters kept.
      form.querySelectorAll(".clinic-facet-input").forEach(function (input) {
        var trial = {};
        Object.keys(chosen).forEach(function (f) { if (f !== input.name) trial[f] = chosen[f]; });
        trial[input.name] = [input.value];
        var count = input.parentNode.querySelector(".clinic-facet-count");
        if (count) count.textContent = "(" + matching(trial) + ")";
      });
      form.querySelectorAll("details.clinic-facet").forEach(function (details) {
        var picked = (chosen[details.getAttribute("data-facet")] || []).length;
        details.classList.toggle("clinic-facet-chosen", picked > 0);
        if (picked) details.open = true;
      });
      clear.hidden = !Object.keys(chosen).length;
      status.textContent = Object.keys(chosen).length ? countText(shown) : total;
      if (shown) {
        empty.hidden = true;
        empty.textContent = "";
      } else {
        showNearest(chosen);
      }
    }

    function select(chosen, remember) {
      form.querySelectorAll(".clinic-facet-input").forEach(function (input) {
        input.checked = (chosen[input.name] || []).indexOf(input.value) >= 0;
      });
      update(remember);
    }

    function update(remember) {
      var chosen = selection();
      if (remember) {
        var query = toQuery(chosen);
        var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
        window.history.pushState({ clinicFilters: query }, "", url);
      }
      apply(chosen);
    }

    form.addEventListener("change", function () { update(true); });
    window.addEventListener("popstate", function () { select(fromQuery(), false); });
    select(fromQuery(), false);
    root.classList.add("clinic-filters-live");
  }

  function start() {
    document.querySelectorAll("[data-clinic-directory]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
