// The browser side of a live picture (neurodynamics/interface/live.py): a <canvas class="nd-live"> that draws the
// PNG pictures the kernel sends as soon as each is decoded (the screen shows it at its next frame). A message holds
// one PNG of the whole picture, which replaces what is shown, or PNGs of the rectangles that changed, each laid over it at its place (message.at: x, y
// in canvas pixels; their transparent pixels keep the old ones). Pictures are decoded in the order they came and drawn
// in that order; after drawing, the view tells the kernel which picture it shows ("drawn"), so the kernel can skip
// moves that would be stale by the time they reach the screen. Anywidget's documented API only: render(), model.get,
// model.on("change:...") and ("msg:custom"), model.send.

function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.className = "nd-live";
  canvas.setAttribute("role", "img");
  const context = canvas.getContext("2d");
  let whole = false; // a whole picture has been drawn since the last resize: diffs can be laid over it
  let decoding = Promise.resolve();

  function size() {
    canvas.width = model.get("width");
    canvas.height = model.get("height");
    whole = false;
    fit();
  }

  function fit() {
    // shown at its own size where there is room; narrower (same shape) in a narrow output area or a low window
    const reserve = model.get("reserve_px");
    canvas.style.maxHeight = reserve > 0 ? `max(200px, calc(100vh - ${reserve}px))` : "";
  }

  function label() {
    canvas.setAttribute("aria-label", model.get("alt"));
  }

  function draw({ full, pieces, number }) {
    if (full) {
      context.clearRect(0, 0, canvas.width, canvas.height);
      whole = true;
    }
    for (const { bitmap, x, y } of pieces) {
      if (whole) context.drawImage(bitmap, x, y);
      bitmap.close();
    }
    model.send({ type: "drawn", number });
  }

  function receive(message, buffers) {
    if (!message || message.type !== "picture" || !buffers || buffers.length === 0) return;
    const places = message.at;
    const decoded = Promise.all(buffers.map((buffer, index) =>
      createImageBitmap(new Blob([buffer], { type: "image/png" }))
        .then((bitmap) => ({ bitmap, x: places[index][0], y: places[index][1] }))));
    decoding = decoding
      .then(() => decoded)
      .then((pieces) => draw({ full: message.full, pieces, number: message.number }))
      .catch((error) => console.error("live picture:", error));
  }

  size();
  label();
  model.on("change:width", () => { size(); model.send({ type: "refresh" }); });
  model.on("change:height", () => { size(); model.send({ type: "refresh" }); });
  model.on("change:alt", label);
  model.on("change:reserve_px", fit);
  model.on("msg:custom", receive);
  el.appendChild(canvas);
  model.send({ type: "refresh" }); // a new view asks for the whole picture
  return () => model.off("msg:custom", receive);
}

export default { render };
