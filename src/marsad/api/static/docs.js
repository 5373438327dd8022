// The offline API docs: Swagger UI (vendored) over this server's /openapi.json.
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
