// The situation map: area boundaries, clustered incident points and hotspot cells (Leaflet).
// Data comes as GeoJSON from the URL in data-url; tiles only when data-tiles is set (else offline map).
(function () {
  const el = document.getElementById("situation-map");
  if (!el || typeof L === "undefined") return;
  const map = L.map(el, { scrollWheelZoom: false, maxZoom: 19 });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
  }
  fetch(el.dataset.url, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((data) => {
      const bounds = L.geoJSON(data.boundaries, {
        style: (f) => ({ color: "#0b2e4f", weight: f.properties.level === "district_area" ? 3 : 1.5, fill: false }),
        onEachFeature: (f, layer) => layer.bindTooltip(f.properties.name),
      }).addTo(map);
      const hot = L.geoJSON(data.hotspots, {
        style: (f) => ({ color: "#8a1020", weight: 1, fillColor: f.properties.level === "99" ? "#c0392b" : "#e67e22", fillOpacity: 0.45 }),
        onEachFeature: (f, layer) => layer.bindTooltip(`Z = ${f.properties.z} (${f.properties.count})`),
      });
      const clusters = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
      data.points.forEach((p) => {
        clusters.addLayer(L.circleMarker([p.lat, p.lon], { radius: 6, color: "#0b5394", weight: 2 }).bindPopup(`${p.when}<br>${p.title}`));
      });
      map.addLayer(clusters);
      map.addLayer(hot);
      L.control.layers(null, { [el.dataset.labelPoints]: clusters, [el.dataset.labelHotspots]: hot }).addTo(map);
      if (bounds.getLayers().length) map.fitBounds(bounds.getBounds());
      else if (data.bbox) map.fitBounds([[data.bbox[0], data.bbox[1]], [data.bbox[2], data.bbox[3]]]);
      else map.setView([59.33, 18.06], 11);
      el.setAttribute("data-loaded", String(data.points.length));
    });
})();
