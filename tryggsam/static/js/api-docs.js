/* Starts Swagger UI on the API documentation page (/api/v1/docs). The settings come from a JSON
   block in the page, so that no inline script is needed (the CSP allows none). Everything is served
   from our own static files: the page works offline and asks no other host. */
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  var body = document.body.dataset;
  settings.dom_id = "#swagger-ui";
  settings.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  settings.validatorUrl = null; // the default asks validator.swagger.io for a badge
  if (body.csrfToken) {
    settings.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = body.csrfToken;
      return request;
    };
  }
  SwaggerUIBundle(settings);
})();
