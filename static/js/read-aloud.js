// Read aloud: reads the page's main content with the browser's own speech synthesis, in
// the page's language. Progressive enhancement: the button stays hidden unless the
// browser has a voice for that language; the page never needs it. The labels come from
// the page (data-label-read / data-label-stop), so they are translated with the rest.
(function () {
  "use strict";
  var button = document.getElementById("read-aloud");
  var main = document.querySelector("main");
  var synth = window.speechSynthesis;
  if (!button || !main || !synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
  var BLOCKS = /^(P|LI|H[1-6]|DT|DD|LEGEND|LABEL|SUMMARY|TD|TH|FIGCAPTION|BUTTON|DIV|SECTION|ARTICLE)$/;
  var SKIP = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|SVG|INPUT|SELECT|TEXTAREA)$/;
  var reading = false;
  var run = 0; // which reading the end/error events belong to (cancel fires them late)

  function voiceFor() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var v = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (lang && (v === lang || v.indexOf(lang + "-") === 0)) { return voices[i]; }
    }
    return null;
  }

  function skipped(el) {
    return SKIP.test(el.nodeName.toUpperCase()) || el.hidden ||
      el.hasAttribute("data-no-read") || el.getAttribute("aria-hidden") === "true";
  }

  // The text of <main> as short pieces (one per paragraph, item, heading…): short
  // utterances start sooner, and some browsers stop a long one half-way.
  function pieces(root) {
    var out = [];
    var current = "";
    function flush() {
      var text = current.replace(/\s+/g, " ").trim();
      if (text) { out.push(text); }
      current = "";
    }
    function walk(node) {
      if (node.nodeType === 3) { current += node.nodeValue; return; }
      if (node.nodeType !== 1 || skipped(node)) { return; }
      var block = BLOCKS.test(node.nodeName.toUpperCase());
      if (block) { flush(); }
      // A folded section is read as its summary only, as it is seen.
      var kids = node.nodeName.toUpperCase() === "DETAILS" && !node.open
        ? [node.querySelector("summary")].filter(Boolean)
        : node.childNodes;
      for (var i = 0; i < kids.length; i++) { walk(kids[i]); }
      if (block) { flush(); }
    }
    walk(root);
    flush();
    return out;
  }

  function label(on) {
    reading = on;
    button.textContent = button.getAttribute(on ? "data-label-stop" : "data-label-read");
  }

  function stop() {
    run++;
    synth.cancel();
    label(false);
  }

  function read() {
    var voice = voiceFor();
    var parts = pieces(main);
    if (!voice || !parts.length) { return; }
    synth.cancel();
    var mine = ++run;
    function done() { if (mine === run) { label(false); } }
    label(true);
    parts.forEach(function (text, index) {
      var u = new window.SpeechSynthesisUtterance(text);
      u.lang = voice.lang || lang;
      // The language alone lets the browser pick its voice if this one is refused.
      try { u.voice = voice; } catch (ignore) { /* keep u.lang */ }
      if (index === parts.length - 1) { u.onend = done; }
      u.onerror = done;
      synth.speak(u);
    });
  }

  function offer() {
    if (voiceFor()) { button.hidden = false; }
  }

  button.addEventListener("click", function () {
    if (reading) { stop(); } else { read(); }
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  offer();
  // Many browsers load their voices later and say so with this event.
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", offer);
  } else {
    synth.onvoiceschanged = offer;
  }
}());
