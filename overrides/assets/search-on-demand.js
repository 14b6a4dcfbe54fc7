/* Material starts its search worker and fetches the whole search index as soon
   as any page loads, and the index grows with every article. This holds both
   back until the visitor opens search (or follows a shared search link), so a
   first view stays small however large the site grows. It must run before
   Material's bundle (see main.html), and touches nothing but those two. */
(function () {
  "use strict";
  var release;
  var opened = new Promise(function (resolve) { release = resolve; });

  if (/[?&]q=/.test(location.search)) release();
  function isSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search']");
  }
  ["focusin", "pointerdown", "click"].forEach(function (type) {
    document.addEventListener(type, function (event) { if (isSearch(event.target)) release(); }, true);
  });
  document.addEventListener("keydown", function (event) {
    if (["/", "s", "f", "S", "F"].indexOf(event.key) !== -1) release();  // Material's search shortcuts
  }, true);

  // Material (search/search_index.json) and Zensical (search.json) fetch the
  // index with XMLHttpRequest: hold that one request's send.
  var INDEX = /\/search(?:\/search_index)?\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.clinicSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.clinicSearchIndex) return send.apply(request, args);
    opened.then(function () { send.apply(request, args); });
  };

  var RealWorker = window.Worker;
  function LazyWorker(url, options) {
    var self = this, worker = null, queue = [], listeners = [];
    opened.then(function () {
      worker = new RealWorker(url, options);
      listeners.forEach(function (l) { worker.addEventListener(l[0], l[1], l[2]); });
      worker.onmessage = function (event) { if (self.onmessage) self.onmessage(event); };
      worker.onerror = function (event) { if (self.onerror) self.onerror(event); };
      queue.forEach(function (m) { worker.postMessage(m[0], m[1]); });
      queue = listeners = null;
    });
    this.onmessage = this.onerror = null;
    this.postMessage = function (message, transfer) {
      if (worker) worker.postMessage(message, transfer); else queue.push([message, transfer]);
    };
    this.addEventListener = function (type, listener, options2) {
      if (worker) worker.addEventListener(type, listener, options2); else listeners.push([type, listener, options2]);
    };
    this.removeEventListener = function (type, listener, options2) {
      if (worker) worker.removeEventListener(type, listener, options2);
      else listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
    };
    this.terminate = function () { if (worker) worker.terminate(); };
  }
  window.Worker = function (url, options) {
    return /\/workers\/search\./.test(String(url)) ? new LazyWorker(url, options) : new RealWorker(url, options);
  };
})();
