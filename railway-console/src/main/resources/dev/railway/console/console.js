// The workflow page's live diagram: fetches the annotated Mermaid text and the counts from the
// console's JSON call, draws it with the bundled Mermaid, makes each task box a link to its
// instances, and refreshes every 5 seconds (only redrawing when something changed).
(function () {
  'use strict';
  var host = document.getElementById('diagram');
  if (!host || typeof mermaid === 'undefined') {
    return;
  }
  var status = document.getElementById('diagram-status');
  var source = host.getAttribute('data-source');
  var instances = host.getAttribute('data-instances');
  var shown = null;
  var drawn = 0;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });

  function linkTasks(taskIds) {
    Object.keys(taskIds).forEach(function (name) {
      var id = taskIds[name];
      // Mermaid names a state's group by its id (data-id, or an id holding "state-<id>-").
      var nodes = host.querySelectorAll(
        'g.node[data-id="' + id + '"], g.node[id*="state-' + id + '-"]');
      nodes.forEach(function (node) {
        if (node.hasAttribute('data-task')) {
          return;
        }
        node.style.cursor = 'pointer';
        node.setAttribute('data-task', name);
        node.addEventListener('click', function () {
          window.location.href = instances + encodeURIComponent(name);
        });
      });
    });
  }

  function updateTable(waiting) {
    document.querySelectorAll('td.count[data-task]').forEach(function (cell) {
      var n = waiting[cell.getAttribute('data-task')] || 0;
      if (cell.textContent !== String(n)) {
        cell.textContent = String(n);
      }
    });
  }

  function refresh() {
    fetch(source, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) {
          throw new Error('the console answered ' + r.status);
        }
        return r.json();
      })
      .then(function (d) {
        updateTable(d.waiting);
        if (d.mermaid === shown) {
          return null;
        }
        shown = d.mermaid;
        drawn += 1;
        return mermaid.render('diagram-svg-' + drawn, d.mermaid).then(function (out) {
          host.innerHTML = out.svg;
          linkTasks(d.taskIds);
          host.setAttribute('data-diagram', 'rendered');
          status.textContent = 'Updated ' + new Date().toLocaleTimeString();
        });
      })
      .catch(function (e) {
        host.setAttribute('data-diagram', 'error');
        status.textContent = 'Could not refresh the diagram: ' + e.message;
      });
  }

  refresh();
  window.setInterval(refresh, 5000);
})();
