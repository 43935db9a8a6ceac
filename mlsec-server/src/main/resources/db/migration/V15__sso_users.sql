-- A user made for single sign-on (OIDC) only has no password: the password form never signs
-- them in, the identity provider's ID token does.
alter table app_user alter column password_hash drop not null;
