package org.addrservice.resources;

import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.ResponseMetered;
import com.codahale.metrics.annotation.ResponseMeteredLevel;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import org.addrservice.core.AddressBookService;
import org.addrservice.core.BookPage;
import org.addrservice.core.model.IdempotencyKey;
import org.addrservice.core.model.Precondition;
import org.addrservice.core.model.VersionedEntry;
import org.glassfish.jersey.server.CloseableService;
import org.glassfish.jersey.uri.UriComponent;

/**
 * {@code /addresses}: the address book over HTTP. Bodies are read as JSON whether they are labelled
 * {@code application/json}, not labelled at all, or labelled as a form (which is what {@code curl
 * -d} sends); any other content type is refused with 415 before a byte is read. A create may carry
 * an {@code Idempotency-Key} header, which makes its retries safe. Bodies, query parameters and
 * headers become the values the service takes here (see {@link JsonBodyReader} and {@link
 * RequestValues}); everything the service refuses is answered by the error table. A write checks
 * its id and version condition with the service before its body is read, so that a request is
 * answered for its first fault as the service orders them.
 */
@Path("/addresses")
@Produces(MediaType.APPLICATION_JSON)
public final class AddressBookResource {

  /** The media type of a JSON merge patch (RFC 7396). */
  public static final String MERGE_PATCH_JSON = "application/merge-patch+json";

  private final AddressBookService service;
  private final JsonBodyReader bodies;

  public AddressBookResource(AddressBookService service, JsonBodyReader bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  /**
   * A page of the book: an object of id to entry, and when more entries follow, an RFC 8288 {@code
   * Link} to the next page that keeps the limit and the search.
   */
  @GET
  @Timed(name = "list")
  @ExceptionMetered(name = "list-errors")
  @ResponseMetered(name = "list", level = ResponseMeteredLevel.COARSE)
  public Response list(
      @QueryParam("limit") String limit,
      @QueryParam("after") String after,
      @QueryParam("q") String nameContains,
      @Context UriInfo uriInfo,
      @Context CloseableService afterTheAnswer) {
    BookPage page =
        service.list(RequestValues.pageQuery(limit, after, nameContains, service.maxPageSize()));
    // The page's entries are written after this method returns: they give their memory back then.
    afterTheAnswer.add(page);
    Response.ResponseBuilder answer = Response.ok(page.entries());
    page.nextAfter()
        .map(PageCursor::encode)
        .ifPresent(
            cursor ->
                answer.links(Link.fromUri(nextPage(uriInfo, page, cursor)).rel("next").build()));
    return answer.build();
  }

  /** The next page's address, relative like {@code Location}, every value percent-encoded. */
  private static URI nextPage(UriInfo uriInfo, BookPage page, String cursor) {
    StringBuilder uri =
        new StringBuilder(uriInfo.getBaseUri().getRawPath())
            .append("addresses?limit=")
            .append(page.limit())
            .append("&after=")
            .append(queryValue(cursor));
    page.nameContains().ifPresent(text -> uri.append("&q=").append(queryValue(text)));
    return URI.create(uri.toString());
  }

  private static String queryValue(String value) {
    return UriComponent.encode(value, UriComponent.Type.QUERY_PARAM_SPACE_ENCODED);
  }

  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
  @Timed(name = "create")
  @ExceptionMetered(name = "create-errors")
  @ResponseMetered(name = "create", level = ResponseMeteredLevel.COARSE)
  public Response create(InputStream body, @Context HttpHeaders headers, @Context UriInfo uriInfo) {
    Optional<IdempotencyKey> key = RequestValues.idempotencyKey(headers);
    String id = service.create(bodies.read(body), key);
    return Response.created(URI.create(uriInfo.getBaseUri().getRawPath() + "addresses/" + id))
        .build();
  }

  @GET
  @Path("{id}")
  @Timed(name = "get")
  @ExceptionMetered(name = "get-errors")
  @ResponseMetered(name = "get", level = ResponseMeteredLevel.COARSE)
  public Response get(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    VersionedEntry stored = service.get(id, EntityTags.ifMatch(ifMatch));
    EntityTag tag = EntityTags.of(stored.version());
    if (EntityTags.noneMatch(ifNoneMatch, stored.version())) {
      return Response.notModified(tag).build();
    }
    return Response.ok(stored.entry()).tag(tag).build();
  }

  @PUT
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
  @Timed(name = "replace")
  @ExceptionMetered(name = "replace-errors")
  @ResponseMetered(name = "replace", level = ResponseMeteredLevel.COARSE)
  public Response replace(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      InputStream body) {
    Precondition precondition = EntityTags.ifMatch(ifMatch);
    service.requireWritable(id, precondition);
    long version = service.replace(id, bodies.read(body), precondition);
    return Response.noContent().tag(EntityTags.of(version)).build();
  }

  @PATCH
  @Path("{id}")
  @Consumes(MERGE_PATCH_JSON)
  @Timed(name = "patch")
  @ExceptionMetered(name = "patch-errors")
  @ResponseMetered(name = "patch", level = ResponseMeteredLevel.COARSE)
  public Response patch(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      InputStream body) {
    Precondition precondition = EntityTags.ifMatch(ifMatch);
    service.requireWritable(id, precondition);
    long version = service.patch(id, bodies.read(body), precondition);
    return Response.noContent().tag(EntityTags.of(version)).build();
  }

  @DELETE
  @Path("{id}")
  @Timed(name = "delete")
  @ExceptionMetered(name = "delete-errors")
  @ResponseMetered(name = "delete", level = ResponseMeteredLevel.COARSE)
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    service.delete(id, EntityTags.ifMatch(ifMatch));
    return Response.noContent().build();
  }
}
