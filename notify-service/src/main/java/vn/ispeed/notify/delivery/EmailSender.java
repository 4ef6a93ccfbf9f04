package vn.ispeed.notify.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.notify.config.NotifyConfig;

import java.util.Arrays;
import java.util.List;

/** Sends a multipart (plain text + HTML) mail over SMTP with quarkus-mailer. */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final NotifyConfig config;

    public EmailSender(ReactiveMailer mailer, NotifyConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    public Uni<SendOutcome> send(SendTask task) {
        List<String> to = Arrays.stream(task.target().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Mail mail = new Mail()
                .setFrom(config.delivery().mailFrom())
                .setTo(to)
                .setSubject(task.subject())
                .setText(task.text())
                .setHtml(task.html())
                .addHeader(WebhookSignature.DELIVERY_HEADER, task.id().toString());
        return mailer.send(mail)
                .map(ignored -> SendOutcome.ok())
                .onFailure().recoverWithItem(e -> SendOutcome.retry("SMTP: " + DeliveryErrors.describe(e)));
    }
}
