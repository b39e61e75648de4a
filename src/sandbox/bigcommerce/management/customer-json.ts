import type { SandboxState, CustomerRecord, AttributeValueRecord } from '../state.js';

/** `attribute_Full` as read back from BigCommerce: the value is `attribute_value` (writes use `value`). */
export function toAttributeValueJson(value: AttributeValueRecord): object {
  return {
    id: value.id,
    attribute_id: value.attributeId,
    attribute_value: value.value,
    customer_id: value.customerId,
    date_created: value.dateCreated,
    date_modified: value.dateModified,
  };
}

/** `customer_Full` (customers.v3.yml); `include` adds the sub-resources BigCommerce adds on request. */
export function toCustomerJson(customer: CustomerRecord, state: SandboxState, include: ReadonlySet<string>): object {
  const attributeValues = state.attributeValuesOf(customer.id);
  return {
    id: customer.id,
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    company: customer.company,
    phone: customer.phone,
    registration_ip_address: customer.registrationIpAddress,
    notes: customer.notes,
    tax_exempt_category: customer.taxExemptCategory,
    customer_group_id: customer.customerGroupId,
    date_modified: customer.dateModified,
    date_created: customer.dateCreated,
    address_count: 0,
    attribute_count: attributeValues.length,
    authentication: { force_password_reset: customer.forcePasswordReset },
    store_credit_amounts: [{ amount: 0 }],
    accepts_product_review_abandoned_cart_emails: customer.acceptsProductReviewAbandonedCartEmails,
    origin_channel_id: customer.originChannelId,
    channel_ids: customer.channelIds === null ? null : [...customer.channelIds],
    ...(include.has('addresses') ? { addresses: [] } : {}),
    ...(include.has('attributes') ? { attributes: attributeValues.map(toAttributeValueJson) } : {}),
    ...(include.has('formfields') ? { form_fields: [] } : {}),
  };
}
