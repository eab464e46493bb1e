// DataGouvTerr web map: draws what the hub's API gives the member whose token is pasted, nothing more.
// The token lives in sessionStorage (this tab only) and leaves the page only as an Authorization header, never in
// a URL. Layers are data-driven: the products listed by GET /products, their GeoJSON formats, and the metadata
// each response states (k, resolution, scope, delay), so new products and fields show without changing this file.
'use strict';

(() => {
  const TOKEN_KEY = 'dgt-map-token';

  // Layers drawn with a dedicated style. A product not listed for the member is still asked once, so the hub's own
  // refusal (the contract's reason) is what the member reads, not a guess of this page.
  const KNOWN_LAYERS = [
    { id: 'od-flows', product: 'od-flows', url: '/products/od-flows.geojson', title: 'Origin–destination flows', style: 'od' },
    { id: 'od-zones', product: 'od-flows', url: '/products/od-flows/zones.geojson', title: 'Trips starting and ending per zone', style: 'zones' },
    { id: 'stops', product: 'stop-maps', url: '/stop-maps/stops', title: 'Transit stops', style: 'stops' },
  ];

  // Metadata keys with a friendlier label; any other key of a response's metadata is shown as it comes.
  const META_LABELS = {
    min_count: 'k (minimum count)',
    resolution: 'Resolution',
    time_bin: 'Time bin',
    scope: 'Scope',
    delay: 'Delay (embargo)',
    not_after: 'Data up to',
    contract_version: 'Contract version',
    operator_names_visible: 'Operator names visible',
    product: 'Product',
  };
  const META_SKIP = new Set(['member', 'suppression', 'coverage', 'formats']);

  const ALL_BINS = '*';
  const el = (id) => document.getElementById(id);

  let map;
  let contextLayer = null;
  let loaded = [];     // { def, group, features, k, meta }
  let generation = 0;  // a newer load makes the answers of an older one void

  function init() {
    map = L.map('map', { zoomControl: true, keyboard: true, preferCanvas: false }).setView([49.44, 1.09], 11);
    map.attributionControl.setPrefix('Leaflet');
    loadConfig();

    el('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = el('token').value.trim();
      if (!token) {
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, token);
      el('token').value = '';
      load(token);
    });
    el('token-forget').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      reset();
      setStatus('Token forgotten. Paste a member token to load the products you may read.');
    });
    el('time-bin').addEventListener('change', () => applyBin(el('time-bin').value));

    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) {
      load(saved);
    }
  }

  async function loadConfig() {
    try {
      const response = await fetch('/map/config.json', { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        return;
      }
      const config = await response.json();
      // Only a deployment's own tile server: by default nothing leaves the hub (closed networks, members' privacy).
      if (config.basemap_url) {
        L.tileLayer(config.basemap_url, { attribution: config.basemap_attribution || '', maxZoom: 19 }).addTo(map);
      }
    } catch (error) {
      showProblem('Settings', { title: 'Network error', detail: String(error) });
    }
  }

  async function api(url, token) {
    const response = await fetch(url, {
      headers: { Authorization: 'Bearer ' + token, Accept: 'application/geo+json, application/json, application/problem+json' },
      cache: 'no-store',
    });
    let body = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      body = await response.json();
    } else {
      await response.text();
    }
    return { ok: response.ok, status: response.status, body };
  }

  function reset() {
    generation++;
    for (const layer of loaded) {
      map.removeLayer(layer.group);
    }
    loaded = [];
    if (contextLayer) {
      map.removeLayer(contextLayer);
      contextLayer = null;
    }
    el('problems').replaceChildren();
    el('legend-items').replaceChildren();
    const layers = el('layers');
    layers.replaceChildren(make('legend', {}, 'Layers'), make('p', { className: 'help' }, 'No layer loaded yet.'));
    const select = el('time-bin');
    select.replaceChildren(make('option', { value: '' }, 'No binned product loaded'));
    select.disabled = true;
  }

  async function load(token) {
    reset();
    const mine = generation;
    setStatus('Loading the products you may read…');
    let listing;
    try {
      listing = await api('/products', token);
    } catch (error) {
      showProblem('Products', { title: 'Network error', detail: String(error) });
      setStatus('The hub could not be reached.');
      return;
    }
    if (mine !== generation) {
      return;
    }
    if (!listing.ok) {
      if (listing.status === 401) {
        // A refused token is of no further use in this tab.
        sessionStorage.removeItem(TOKEN_KEY);
      }
      showProblem('Sign-in', listing.body, listing.status);
      setStatus(listing.status === 401 ? 'Token refused.' : 'The product listing could not be read.');
      return;
    }

    const products = new Map((listing.body.products || []).map((p) => [p.product, p]));
    setStatus(`Member ${listing.body.member}, contract ${listing.body.contract_version}: ${products.size} product(s) listed. Loading layers…`);

    const context = await api('/map/context.geojson', token).catch(() => null);
    if (mine !== generation) {
      return;
    }
    if (context && context.ok) {
      drawContext(context.body);
    }

    const defs = layerDefinitions(products, context && context.ok ? context.body : null);
    const results = await Promise.all(defs.map((def) => loadLayer(def, token).catch((error) => ({ def, error }))));
    if (mine !== generation) {
      return;
    }
    for (const result of results) {
      if (result.error) {
        showProblem(result.def.title, { title: 'Network error', detail: String(result.error) });
      } else if (!result.ok) {
        showProblem(result.def.title, result.body, result.status);
      } else {
        addLayer(result.def, result.body);
      }
    }
    for (const [product, entry] of products) {
      if (!defs.some((def) => def.product === product && loaded.some((l) => l.def === def))) {
        addLegend({ def: { id: product, title: `${product} (not drawn: ${(entry.formats || []).map((f) => f.split('.').pop()).join(', ') || 'no map format'})`, style: 'none' }, meta: entry });
      }
    }
    buildBinSelector();
    const count = loaded.length;
    setStatus(`Member ${listing.body.member}, contract ${listing.body.contract_version}: ${count} layer(s) shown` +
      (el('problems').childElementCount ? `, ${el('problems').childElementCount} refused or failed (see below).` : '.'));
  }

  /** Known layers, then any other GeoJSON format a listed product offers, then the open GBFS stations. */
  function layerDefinitions(products, context) {
    const defs = [];
    const urls = new Set();
    for (const known of KNOWN_LAYERS) {
      const listed = products.get(known.product);
      const offered = listed && Array.isArray(listed.formats) ? listed.formats.includes(known.url) : true;
      if (listed && !offered) {
        continue;
      }
      defs.push({ ...known, listing: listed || null });
      urls.add(known.url);
    }
    for (const [product, entry] of products) {
      for (const format of entry.formats || []) {
        if (/\.geojson$/.test(format) && !urls.has(format)) {
          defs.push({ id: format, product, url: format, title: `${product} (${format.split('/').pop()})`, style: 'generic', listing: entry });
          urls.add(format);
        }
      }
    }
    for (const feed of (context && context.gbfs_feeds) || []) {
      defs.push({ id: 'stations-' + feed.id, product: null, url: feed.stations, title: `Bike-share stations (${feed.name || feed.id})`, style: 'stations', listing: null });
    }
    return defs;
  }

  async function loadLayer(def, token) {
    const response = await api(def.url, token);
    return { def, ...response };
  }

  function drawContext(collection) {
    contextLayer = L.geoJSON(collection, {
      interactive: false,
      style: (feature) => {
        switch (feature.properties.layer) {
          case 'territory': return { className: 'ctx-territory', color: '#555', weight: 2, fill: false };
          case 'perimeter': return { className: 'ctx-perimeter', color: '#1f5fa8', weight: 2, dashArray: '6 4', fill: false };
          default: return { className: 'ctx-zone', color: '#999', weight: 1, fill: false };
        }
      },
    }).addTo(map);
    const perimeter = collection.features.find((f) => f.properties.layer === 'perimeter');
    const bounds = perimeter ? L.geoJSON(perimeter).getBounds() : contextLayer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [10, 10] });
    }
  }

  function addLayer(def, body) {
    const features = (body && Array.isArray(body.features)) ? body.features : [];
    const meta = { ...(def.listing || {}), ...((body && body.metadata) || {}) };
    const k = meta.min_count;
    const entry = { def, features, k, meta, group: L.layerGroup().addTo(map) };
    loaded.push(entry);
    draw(entry, ALL_BINS);
    addLayerToggle(entry);
    addLegend(entry);
  }

  function draw(entry, bin) {
    entry.group.clearLayers();
    const shown = entry.features.filter((f) => f.geometry && (bin === ALL_BINS || !f.properties.bin_start || f.properties.bin_start === bin));
    entry.shownCount = shown.length;
    const styler = STYLES[entry.def.style] || STYLES.generic;
    const max = Math.max(1, ...shown.map((f) => styler.value ? (styler.value(f.properties) || 0) : 0));
    const layer = L.geoJSON({ type: 'FeatureCollection', features: shown }, {
      style: (feature) => styler.style(feature.properties, max),
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, styler.style(feature.properties, max)),
      onEachFeature: (feature, item) => {
        item.bindPopup(() => popup(entry, feature.properties));
        item.on('add', () => makeFocusable(item, entry, feature.properties));
      },
    });
    entry.group.addLayer(layer);
    if (entry.countNode) {
      entry.countNode.textContent = ` (${shown.length})`;
    }
  }

  const STYLES = {
    od: {
      value: (p) => p.trips,
      style: (p, max) => p.trips == null
        ? { className: 'od-line od-suppressed', color: '#888', weight: 1.5, dashArray: '4 4', opacity: 0.8 }
        : { className: 'od-line', color: '#c0392b', weight: 1.5 + 8 * Math.sqrt(p.trips / max), opacity: 0.75 },
    },
    zones: {
      value: (p) => (p.trips_starting || 0) + (p.trips_ending || 0),
      style: (p, max) => {
        const v = (p.trips_starting || 0) + (p.trips_ending || 0);
        return { className: 'zone-cell', color: '#2c7a3f', weight: 1, fillColor: '#2c7a3f', fillOpacity: v ? 0.1 + 0.5 * v / max : 0.05 };
      },
    },
    stops: { style: () => ({ className: 'stop-point', radius: 5, color: '#1f5fa8', weight: 2, fillColor: '#fff', fillOpacity: 1 }) },
    stations: { style: () => ({ className: 'station-point', radius: 6, color: '#8e44ad', weight: 2, fillColor: '#d7bde2', fillOpacity: 0.9 }) },
    generic: { style: () => ({ className: 'generic-feature', radius: 5, color: '#d35400', weight: 2, fillOpacity: 0.3 }) },
  };

  /** The flag saying a null count was suppressed: `x_suppressed`, the count's last word + `_suppressed`, or `suppressed`. */
  function suppressedFlag(props, name) {
    const candidates = [name + '_suppressed', name.split('_').pop() + '_suppressed', 'suppressed'];
    for (const key of candidates) {
      if (typeof props[key] === 'boolean') {
        return props[key];
      }
    }
    return false;
  }

  /** Counts are what k applies to; other values of a suppressed row (medians…) are hidden, not "< k". */
  function isCount(name) {
    return name === 'trips' || name === 'count' || /^(trips|vehicles|docks|departures)_|_count$/.test(name);
  }

  function valueText(props, name, k) {
    const value = props[name];
    if (value == null) {
      if (!suppressedFlag(props, name)) {
        return '—';
      }
      return isCount(name) ? `< ${k == null ? 'k' : k}` : 'hidden (suppressed)';
    }
    if (Array.isArray(value)) {
      return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : '—';
    }
    if (typeof value === 'object') {
      return JSON.stringify(value);
    }
    return String(value);
  }

  function featureTitle(props) {
    return props.stop_name || props.name || (props.origin !== undefined ? `${props.origin ?? 'outside'} → ${props.destination ?? 'outside'}` : props.zone || props.code);
  }

  /** Leaflet's vector features take no keyboard focus: give each one a tab stop, a name, and Enter/Space to open it. */
  function makeFocusable(item, entry, props) {
    const node = item.getElement && item.getElement();
    if (!node || node.hasAttribute('tabindex')) {
      return;
    }
    const styler = STYLES[entry.def.style];
    const main = styler && styler.value && entry.def.style === 'od' ? `, trips ${valueText(props, 'trips', entry.k)}` : '';
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.setAttribute('aria-label', `${entry.def.title}: ${featureTitle(props) || 'feature'}${main}`);
    node.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        item.openPopup();
      }
    });
  }

  function popup(entry, props) {
    const box = make('div', { className: 'feature-popup' });
    const title = featureTitle(props);
    box.append(make('h3', {}, `${entry.def.title}${title ? ': ' + title : ''}`));
    const list = make('dl');
    for (const name of Object.keys(props)) {
      if (name === 'suppressed' || name.endsWith('_suppressed')) {
        continue;
      }
      list.append(make('dt', {}, name.replace(/_/g, ' ')), make('dd', { dataset: { prop: name } }, valueText(props, name, entry.k)));
    }
    box.append(list);
    return box;
  }

  function addLayerToggle(entry) {
    const fieldset = el('layers');
    const help = fieldset.querySelector('p.help');
    if (help) {
      help.remove();
    }
    const id = 'layer-' + entry.def.id.replace(/[^a-z0-9]+/gi, '-');
    const input = make('input', { type: 'checkbox', id, checked: true });
    input.dataset.layer = entry.def.id;
    input.addEventListener('change', () => (input.checked ? entry.group.addTo(map) : map.removeLayer(entry.group)));
    entry.countNode = make('span', { className: 'count' }, ` (${entry.shownCount})`);
    const label = make('label', { htmlFor: id }, entry.def.title);
    label.append(entry.countNode);
    fieldset.append(make('div', { className: 'layer-toggle' }, input, label));
  }

  function addLegend(entry) {
    const section = make('section', { className: 'legend-layer' });
    section.dataset.layer = entry.def.id;
    section.append(make('h3', {}, entry.def.title));
    const swatch = make('p', { className: 'swatch swatch-' + entry.def.style });
    swatch.textContent = {
      od: 'Line width grows with trips; pairs under the release threshold are not published.',
      zones: 'Shade grows with trips starting + ending in the zone.',
      stops: 'Blue circles: stops; select one for its name, routes and departures.',
      stations: 'Purple circles: stations; select one for its name and capacity.',
      none: 'Listed for you, with no map format: read it through the API.',
    }[entry.def.style] || 'Orange: features of this product; select one for its values.';
    section.append(swatch);
    const list = make('dl');
    for (const [key, value] of Object.entries(entry.meta)) {
      if (META_SKIP.has(key) || value == null || typeof value === 'object') {
        continue;
      }
      const dd = make('dd', {}, String(value));
      dd.dataset.meta = key;
      list.append(make('dt', {}, META_LABELS[key] || key.replace(/_/g, ' ')), dd);
    }
    if (list.childElementCount) {
      section.append(list);
    }
    el('legend-items').append(section);
  }

  function buildBinSelector() {
    const totals = new Map();
    const ends = new Map();
    for (const entry of loaded) {
      for (const f of entry.features) {
        const bin = f.properties.bin_start;
        if (!bin) {
          continue;
        }
        ends.set(bin, f.properties.bin_end);
        const styler = STYLES[entry.def.style];
        const value = styler && styler.value ? (styler.value(f.properties) || 0) : 0;
        totals.set(bin, (totals.get(bin) || 0) + value);
      }
    }
    const select = el('time-bin');
    if (!totals.size) {
      return;
    }
    const bins = [...totals.keys()].sort();
    select.replaceChildren(make('option', { value: ALL_BINS }, `All ${bins.length} bins, overlaid`),
      ...bins.map((bin) => make('option', { value: bin }, binLabel(bin, ends.get(bin)))));
    select.disabled = false;
    // Start on the busiest bin: overlaid bins hide each other, and an empty night bin shows nothing.
    const busiest = bins.reduce((best, bin) => (totals.get(bin) > totals.get(best) ? bin : best), bins[0]);
    select.value = busiest;
    applyBin(busiest);
  }

  /** "2026-11-27 09:00–10:00 (+01:00)": bins carry the territory's legal time and its offset (UTC for "Z"). */
  function binLabel(start, end) {
    const zone = (t) => { const m = /(Z|[+-]\d\d:\d\d)$/.exec(t); return m ? m[1] : ''; };
    const clock = (t) => t.slice(11, 16);
    const offset = zone(start);
    const e = end ? '–' + clock(end) : '';
    return `${start.slice(0, 10)} ${clock(start)}${e} (${offset === 'Z' || offset === '' ? 'UTC' : offset})`;
  }

  function applyBin(bin) {
    for (const entry of loaded) {
      if (entry.features.some((f) => f.properties.bin_start)) {
        draw(entry, bin || ALL_BINS);
      }
    }
  }

  /** A refusal or failure as readable text: title, the reason (detail), the fields named, the contract's code. */
  function showProblem(what, problem, status) {
    const item = make('div', { className: 'problem' });
    item.dataset.status = status == null ? '' : String(status);
    const head = make('strong', {}, `${what}: ${problem && problem.title ? problem.title : 'Request failed'}${status ? ` (HTTP ${status})` : ''}`);
    item.append(head);
    if (problem && problem.detail) {
      item.append(make('p', { className: 'reason' }, problem.detail));
    }
    if (problem && problem.errors) {
      const list = make('ul');
      for (const [field, reasons] of Object.entries(problem.errors)) {
        list.append(make('li', {}, `${field}: ${[].concat(reasons).join(' ')}`));
      }
      item.append(list);
    }
    if (problem && problem.code) {
      item.append(make('p', { className: 'code' }, `Code: ${problem.code}`));
    }
    el('problems').append(item);
  }

  function setStatus(text) {
    el('status').textContent = text;
  }

  /** Builds an element; text goes in as text, never as HTML (feature names come from feeds). */
  function make(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'dataset') {
        Object.assign(node.dataset, value);
      } else {
        node[key] = value;
      }
    }
    for (const child of children) {
      node.append(child);
    }
    return node;
  }

  document.addEventListener('DOMContentLoaded', init);
})();
